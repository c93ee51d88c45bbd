namespace Fengqiao.Sla;

/// <summary>The statutory time limits of national law for petitions, mediation, arbitration, administrative review
/// and 12345 hotlines, each citing its law and article.</summary>
/// <remarks>Each limit runs from the event named in its summary (receipt, acceptance…). "Days" are calendar days with
/// the start day excluded and roll-forward off rest days (民法典 art.201–203); hearing and appraisal time that the law
/// does not count is handled by pausing the <see cref="SlaClock"/>.</remarks>
/// <threadsafety>Immutable values: safe to share.</threadsafety>
public static class StatutoryLimits
{
    /// <summary>Gets 15 days from receipt to register and forward a petition, or notify its acceptance
    /// (信访工作条例 2022, art.22 and art.23).</summary>
    public static TimeLimit PetitionRegister { get; } = TimeLimit.CalendarDays(15);

    /// <summary>Gets 5 working days from receipt to object that a forwarded petition is outside the organ's remit
    /// (信访工作条例 2022, art.23).</summary>
    public static TimeLimit PetitionRemitObjection { get; } = TimeLimit.WorkingDays(5);

    /// <summary>Gets 60 days from acceptance to handle a request-type petition (信访工作条例 2022, art.34).</summary>
    public static TimeLimit PetitionHandle { get; } = TimeLimit.CalendarDays(60);

    /// <summary>Gets the extension of up to 30 days, approved by the organ's head with the petitioner told why
    /// (信访工作条例 2022, art.34).</summary>
    public static TimeLimit PetitionHandleExtension { get; } = TimeLimit.CalendarDays(30);

    /// <summary>Gets 30 days to ask for review (复查) from the written reply, and 30 days to answer it
    /// (信访工作条例 2022, art.35); the same for re-review (复核, art.36), hearing time not counted.</summary>
    public static TimeLimit PetitionReview { get; } = TimeLimit.CalendarDays(30);

    /// <summary>Gets 30 days from the agreement taking effect to apply for judicial confirmation of a people's
    /// mediation agreement (人民调解法, art.33).</summary>
    public static TimeLimit JudicialConfirmationApplication { get; } = TimeLimit.CalendarDays(30);

    /// <summary>Gets 3 days from the application for the court to accept a judicial confirmation
    /// (Supreme People's Court rules on judicial confirmation procedure, 2011).</summary>
    public static TimeLimit JudicialConfirmationAcceptance { get; } = TimeLimit.CalendarDays(3);

    /// <summary>Gets 15 days from acceptance for the court to decide a judicial confirmation, extendable by 10 days by
    /// the court president (Supreme People's Court rules on judicial confirmation procedure, 2011).</summary>
    public static TimeLimit JudicialConfirmationDecision { get; } = TimeLimit.CalendarDays(15);

    /// <summary>Gets 15 days from the application for labour-dispute mediation, after which arbitration may be sought
    /// (劳动争议调解仲裁法, art.14).</summary>
    public static TimeLimit LabourMediation { get; } = TimeLimit.CalendarDays(15);

    /// <summary>Gets 45 days from acceptance for a labour arbitration award, extendable by 15 days by the commission
    /// chair (劳动争议调解仲裁法, art.43).</summary>
    public static TimeLimit LabourArbitrationAward { get; } = TimeLimit.CalendarDays(45);

    /// <summary>Gets 10 working days from the start of traffic-accident mediation by the police
    /// (道路交通事故处理程序规定 2018, art.90 and art.112).</summary>
    public static TimeLimit TrafficAccidentMediation { get; } = TimeLimit.WorkingDays(10);

    /// <summary>Gets 30 working days from acceptance for medical people's mediation; appraisal time not counted; a
    /// lapse means mediation failed (医疗纠纷预防和处理条例, art.38).</summary>
    public static TimeLimit MedicalMediation { get; } = TimeLimit.WorkingDays(30);

    /// <summary>Gets 30 days from the mediator signing for the file for court-referred pre-filing mediation
    /// (特邀调解规定 2016, art.27; online mediation rules 2022, art.24).</summary>
    public static TimeLimit CourtReferredMediation { get; } = TimeLimit.CalendarDays(30);

    /// <summary>Gets 15 days from receipt of the file for mediation after filing, ordinary procedure
    /// (特邀调解规定 2016, art.27).</summary>
    public static TimeLimit MediationAfterFiling { get; } = TimeLimit.CalendarDays(15);

    /// <summary>Gets 7 days from receipt of the file for mediation after filing, simple procedure
    /// (特邀调解规定 2016, art.27).</summary>
    public static TimeLimit MediationAfterFilingSimple { get; } = TimeLimit.CalendarDays(7);

    /// <summary>Gets 60 days from acceptance for an administrative reconsideration decision, extendable by 30 days
    /// (行政复议法 2023, art.62).</summary>
    public static TimeLimit AdministrativeReconsideration { get; } = TimeLimit.CalendarDays(60);

    /// <summary>Gets 30 days from acceptance for an administrative reconsideration decision in the simple procedure
    /// (行政复议法 2023, art.62).</summary>
    public static TimeLimit AdministrativeReconsiderationSimple { get; } = TimeLimit.CalendarDays(30);

    /// <summary>Gets 20 working days from acceptance for an administrative licence decision, extendable by 10 working
    /// days (行政许可法, art.42 and art.82).</summary>
    public static TimeLimit AdministrativeLicence { get; } = TimeLimit.WorkingDays(20);

    /// <summary>Gets 10 working days: the extension of an administrative licence decision (行政许可法, art.42).</summary>
    public static TimeLimit AdministrativeLicenceExtension { get; } = TimeLimit.WorkingDays(10);

    /// <summary>Gets 5 working days from receipt to handle a 12345 hotline case (local rules of Jinan, Weifang and
    /// Shandong); complex cases up to 10 working days.</summary>
    public static TimeLimit Hotline12345 { get; } = TimeLimit.WorkingDays(5);

    /// <summary>Gets 10 working days: the limit for complex 12345 cases (Jinan, Weifang, Shandong local rules).</summary>
    public static TimeLimit Hotline12345Complex { get; } = TimeLimit.WorkingDays(10);
}
