using NodaTime;

namespace Fengqiao.Sla;

/// <summary>Preset SLA policies, each citing its source. None sets warning thresholds: those are local policy
/// (红黄牌) with no national percentage; copy a preset's rules into an <see cref="SlaPolicyBuilder"/> to add them.</summary>
/// <threadsafety>Immutable: safe to share.</threadsafety>
public static class SlaPolicies
{
    private static readonly Lazy<SlaPolicy> LazyUrumqi = new(BuildUrumqi1351);
    private static readonly Lazy<SlaPolicy> LazyStatutory = new(BuildStatutory);
    private static readonly Lazy<SlaPolicy> LazyGuangdong = new(BuildGuangdong);

    /// <summary>Gets Urumqi's (乌鲁木齐) 12345 "1351" policy: livelihood and policy-information matters 1 working day;
    /// disputes and hardship 3 working days; administrative permits and reconsideration their statutory limit
    /// (行政许可法 art.42: 20 working days; 行政复议法 2023 art.62: 60 days); everything else 5 working days; callback
    /// (回访) within 1 working day of completion.</summary>
    /// <remarks>Categories: <c>livelihood</c>, <c>policy-information</c>, <c>dispute</c>, <c>hardship</c>,
    /// <c>administrative-permit</c>, <c>administrative-reconsideration</c>, and <c>*</c> for everything else. Every rule
    /// has <see cref="SlaLimitNames.Handle"/> and <see cref="SlaLimitNames.Callback"/>. Administrative complaints have
    /// no single statutory limit and fall under the 5-working-day rule; add a county rule if yours differs.</remarks>
    public static SlaPolicy Urumqi1351 => LazyUrumqi.Value;

    /// <summary>Gets the statutory limits of national law as a policy (see <see cref="StatutoryLimits"/> for each
    /// law and article).</summary>
    /// <remarks>Categories and limits: <c>petition</c> (register 15 days, handle 60 days, extension 30 days, review 30
    /// days; 信访工作条例 2022 art.22–36), <c>labour-dispute</c> (handle = mediation 15 days, art.14; arbitration 45 days,
    /// art.43), <c>traffic-accident</c> (10 working days), <c>medical-dispute</c> (30 working days),
    /// <c>court-referred-mediation</c> (30 days), <c>administrative-reconsideration</c> (60 days, extension 30),
    /// <c>administrative-licence</c> (20 working days, extension 10), <c>hotline-12345</c> (5 working days, extension
    /// to 10).</remarks>
    public static SlaPolicy Statutory => LazyStatutory.Value;

    /// <summary>Gets Guangdong's 12345 limits (2022): consultation 2 working days, help and suggestions 10 working days,
    /// complaints and reports 15 working days, from receipt.</summary>
    /// <remarks>Categories: <c>consultation</c>, <c>help</c>, <c>suggestion</c>, <c>complaint</c>, <c>report</c>.</remarks>
    public static SlaPolicy Guangdong12345 => LazyGuangdong.Value;

    private static SlaPolicy BuildUrumqi1351()
    {
        const string source = "Urumqi 12345 \"1351\" rule";
        var callback = TimeLimit.WorkingDays(1);
        SlaRule Rule(string category, TimeLimit handle, string? citation = null) =>
            new(category, new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = handle, [SlaLimitNames.Callback] = callback },
                source: citation is null ? source : $"{source}; {citation}");

        return new SlaPolicyBuilder("Urumqi 1351")
            .Add(Rule("livelihood", TimeLimit.WorkingDays(1)))
            .Add(Rule("policy-information", TimeLimit.WorkingDays(1)))
            .Add(Rule("dispute", TimeLimit.WorkingDays(3)))
            .Add(Rule("hardship", TimeLimit.WorkingDays(3)))
            .Add(Rule("administrative-permit", StatutoryLimits.AdministrativeLicence, "行政许可法 art.42"))
            .Add(Rule("administrative-reconsideration", StatutoryLimits.AdministrativeReconsideration, "行政复议法 2023 art.62"))
            .Add(Rule("*", TimeLimit.WorkingDays(5)))
            .Build();
    }

    private static SlaPolicy BuildStatutory()
    {
        static SlaRule Rule(string category, string source, params (string Name, TimeLimit Limit)[] limits) =>
            new(category, limits.ToDictionary(l => l.Name, l => l.Limit), source: source);

        return new SlaPolicyBuilder("Statutory limits")
            .Add(Rule("petition", "信访工作条例 2022 art.22, 23, 34, 35, 36",
                (SlaLimitNames.Register, StatutoryLimits.PetitionRegister),
                (SlaLimitNames.Handle, StatutoryLimits.PetitionHandle),
                (SlaLimitNames.Extension, StatutoryLimits.PetitionHandleExtension),
                ("review", StatutoryLimits.PetitionReview),
                ("remit-objection", StatutoryLimits.PetitionRemitObjection)))
            .Add(Rule("labour-dispute", "劳动争议调解仲裁法 art.14, 43",
                (SlaLimitNames.Handle, StatutoryLimits.LabourMediation),
                ("arbitration-award", StatutoryLimits.LabourArbitrationAward),
                (SlaLimitNames.Extension, TimeLimit.CalendarDays(15))))
            .Add(Rule("traffic-accident", "道路交通事故处理程序规定 2018 art.90, 112",
                (SlaLimitNames.Handle, StatutoryLimits.TrafficAccidentMediation)))
            .Add(Rule("medical-dispute", "医疗纠纷预防和处理条例 art.38",
                (SlaLimitNames.Handle, StatutoryLimits.MedicalMediation)))
            .Add(Rule("court-referred-mediation", "特邀调解规定 2016 art.27; online mediation rules 2022 art.24",
                (SlaLimitNames.Handle, StatutoryLimits.CourtReferredMediation),
                ("after-filing", StatutoryLimits.MediationAfterFiling),
                ("after-filing-simple", StatutoryLimits.MediationAfterFilingSimple)))
            .Add(Rule("judicial-confirmation", "人民调解法 art.33; SPC judicial confirmation rules 2011",
                ("apply", StatutoryLimits.JudicialConfirmationApplication),
                ("accept", StatutoryLimits.JudicialConfirmationAcceptance),
                (SlaLimitNames.Handle, StatutoryLimits.JudicialConfirmationDecision),
                (SlaLimitNames.Extension, TimeLimit.CalendarDays(10))))
            .Add(Rule("administrative-reconsideration", "行政复议法 2023 art.62",
                (SlaLimitNames.Handle, StatutoryLimits.AdministrativeReconsideration),
                ("handle-simple", StatutoryLimits.AdministrativeReconsiderationSimple),
                (SlaLimitNames.Extension, TimeLimit.CalendarDays(30))))
            .Add(Rule("administrative-licence", "行政许可法 art.42, 82",
                (SlaLimitNames.Handle, StatutoryLimits.AdministrativeLicence),
                (SlaLimitNames.Extension, StatutoryLimits.AdministrativeLicenceExtension)))
            .Add(Rule("hotline-12345", "12345 local rules (Jinan, Weifang, Shandong)",
                (SlaLimitNames.Handle, StatutoryLimits.Hotline12345),
                ("handle-complex", StatutoryLimits.Hotline12345Complex)))
            .Build();
    }

    private static SlaPolicy BuildGuangdong()
    {
        const string source = "Guangdong 12345 rules 2022";
        SlaRule Rule(string category, int workingDays) =>
            new(category, new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(workingDays) }, source: source);

        return new SlaPolicyBuilder("Guangdong 12345")
            .Add(Rule("consultation", 2)).Add(Rule("help", 10)).Add(Rule("suggestion", 10))
            .Add(Rule("complaint", 15)).Add(Rule("report", 15))
            .Build();
    }

    /// <summary>Gets a yellow/red pair of thresholds as counties commonly configure them: a named fraction of the
    /// allotted working time and a lead time before the deadline. A helper for hosts; no preset applies it.</summary>
    /// <param name="yellowFraction">The fraction of the allotted time for the yellow card (黄牌), strictly between 0 and 1.</param>
    /// <param name="redLeadTime">The working time before the deadline for the red card (红牌), positive.</param>
    /// <returns>The two thresholds.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static IReadOnlyList<WarningThreshold> YellowRed(double yellowFraction, Duration redLeadTime) =>
        [WarningThreshold.AfterFraction("yellow", yellowFraction), WarningThreshold.BeforeDeadline("red", redLeadTime)];
}
