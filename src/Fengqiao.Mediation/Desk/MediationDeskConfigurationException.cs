using Fengqiao.Cases.Organisation;

namespace Fengqiao.Mediation.Desk;

/// <summary>Thrown when the <see cref="MediationDesk"/> is configured wrongly: an option names a unit that is not in
/// the org directory, or the case desk lacks the <see cref="HandOffCasePolicy"/> that carries out return flows.</summary>
/// <threadsafety>Immutable after construction; safe to share across threads.</threadsafety>
public sealed class MediationDeskConfigurationException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="option">The option (or setting) at fault, e.g. <c>Court</c>.</param>
    /// <param name="unit">The unit it names, or <see langword="null"/>.</param>
    /// <param name="message">The full message.</param>
    public MediationDeskConfigurationException(string option, OrgUnitId? unit, string message)
        : base(FengqiaoErrorKind.Configuration, message)
    {
        Option = option;
        Unit = unit;
    }

    /// <summary>Gets the option (or setting) at fault.</summary>
    public string Option { get; }

    /// <summary>Gets the unit the option names, or <see langword="null"/>.</summary>
    public OrgUnitId? Unit { get; }
}
