namespace Fengqiao.Cases.Serialization;

/// <summary>An event written with its personal data kept apart (<see cref="CaseEventJson.SerializeApart(Events.CaseEvent)"/>): the body
/// for the event log, and what a store keeps in a separate, erasable place.</summary>
/// <param name="Body">The event's JSON without personal data (query codes only as their keyed digests); safe to hash-chain.</param>
/// <param name="PersonalData">The personal document (reporter's name and phone, the location's address and
/// coordinates, the reporter's text, salted), or <see langword="null"/> when the event carries no report (or an erased one).</param>
/// <remarks><see cref="ToString"/> does not print the personal data.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseEventParts(string Body, string? PersonalData)
{
    /// <summary>Describes the parts without their content.</summary>
    /// <returns>For example <c>CaseEventParts(412 characters, personal data withheld)</c>.</returns>
    public override string ToString() =>
        $"CaseEventParts({Body.Length} characters{(PersonalData is null ? "" : ", personal data withheld")})";
}
