namespace Fengqiao.Cases.Desk;

/// <summary>Thrown when the desk refuses to register a report: its channel or category is not one the county lists, or
/// the county's routing cannot say which unit owns it (<see cref="Ports.ICaseRouting.CheckReport"/>). Nothing was stored.</summary>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseReportRefusedException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="report">The refused report.</param>
    /// <param name="reason">Why, naming the channel, category or grid.</param>
    public CaseReportRefusedException(CaseReport report, string reason)
        : base(FengqiaoErrorKind.Refusal, $"The report {report} was refused: {reason}. Nothing changed.")
    {
        Report = report;
        Reason = reason;
    }

    /// <summary>Gets the refused report.</summary>
    public CaseReport Report { get; }

    /// <summary>Gets why it was refused.</summary>
    public string Reason { get; }
}
