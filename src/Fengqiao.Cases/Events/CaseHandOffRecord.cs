using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>A step of a hand-off (移交) after it was sent, recorded on its case: the receiving body's answer, a change
/// of its time limit, or its overdue flag. The hand-off is named by its correlation key (<see cref="CaseHandOffTerms.Key"/>).</summary>
/// <remarks>
/// <para>Fengqiao.Mediation's mediation desk records these and its hand-off ledger is rebuilt from them (with the
/// <see cref="CaseHandedOff"/> that sent each hand-off), so after a restart the ledger loses nothing. This package does
/// not check them against the hand-off: the mediation desk does, before recording.</para>
/// <para>Recording an answer needs the authority to hand the case back (<see cref="CaseTrigger.HandBack"/>: a member of
/// the body holding it, a dispatcher of its area, or the system with a cause); an overdue flag needs the authority to
/// supervise (<see cref="CaseTrigger.Supervise"/>).</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public abstract record CaseHandOffRecord : CaseRecord
{
    private protected CaseHandOffRecord(string key)
    {
        Key = string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("A hand-off record needs the hand-off's correlation key.", nameof(key)) : key;
    }

    /// <summary>Gets the hand-off's correlation key; not empty.</summary>
    public string Key { get; }

    internal override CaseTrigger AuthorizedAs => CaseTrigger.HandBack;

    private protected override string? Details() => Key;
}
