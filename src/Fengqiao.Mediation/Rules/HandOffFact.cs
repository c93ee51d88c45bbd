using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;

namespace Fengqiao.Mediation.Rules;

/// <summary>What the hand-off rules read about a matter: where it stands, what it is, and how a mediation ended.</summary>
/// <param name="Origin">Where the matter stands now.</param>
/// <param name="DisputeType">The dispute type.</param>
/// <remarks>Set the rest with an object initialiser; every flag defaults to <see langword="false"/> and every
/// optional value to none. <see cref="ToFacts"/> renders the fact as named strings for a case event's cause.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record HandOffFact(HandOffOrigin Origin, DisputeType DisputeType)
{
    /// <summary>Gets whether the outside body (or the centre) judged the matter suitable for mediation (适宜调解).</summary>
    public bool SuitableForMediation { get; init; }

    /// <summary>Gets whether the dispute was filed with the court (立案登记) — for 诉调 diversion.</summary>
    public bool FiledWithCourt { get; init; }

    /// <summary>Gets the petition kind, for a matter with the petition office.</summary>
    public PetitionKind PetitionKind { get; init; }

    /// <summary>Gets whether the matter was met on a police call (警情).</summary>
    public bool PoliceCall { get; init; }

    /// <summary>Gets whether the police mediated on site first (现场调解).</summary>
    public bool MediatedOnSite { get; init; }

    /// <summary>Gets whether the matter is a road traffic accident.</summary>
    public bool TrafficAccident { get; init; }

    /// <summary>Gets the procuratorate matter, for a matter with the procuratorate.</summary>
    public ProcuratorateMatter ProcuratorateMatter { get; init; }

    /// <summary>Gets the route by which the matter came to mediation, for a matter with a mediation body; none for a
    /// direct application.</summary>
    public HandOffRoute? CameBy { get; init; }

    /// <summary>Gets how the mediation ended, for a matter with a mediation body; none while it runs.</summary>
    public HandOffOutcome? MediationOutcome { get; init; }

    /// <summary>Gets whether the parties asked for judicial confirmation of their agreement.</summary>
    public bool ConfirmationRequested { get; init; }

    /// <summary>Gets whether a party asked to switch from people's mediation to police mediation.</summary>
    public bool SwitchToPoliceRequested { get; init; }

    /// <summary>Renders the fact as named strings, sorted by name, for a case event's cause.</summary>
    /// <returns>The named facts; optional values that are unset are left out.</returns>
    internal ImmutableSortedDictionary<string, string> ToFacts()
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        b["origin"] = Origin.ToString();
        b["dispute-type"] = DisputeType.Key;
        b["suitable"] = Flag(SuitableForMediation);
        b["filed-with-court"] = Flag(FiledWithCourt);
        b["police-call"] = Flag(PoliceCall);
        b["mediated-on-site"] = Flag(MediatedOnSite);
        b["traffic-accident"] = Flag(TrafficAccident);
        b["confirmation-requested"] = Flag(ConfirmationRequested);
        b["switch-to-police-requested"] = Flag(SwitchToPoliceRequested);
        if (PetitionKind != PetitionKind.None)
        {
            b["petition-kind"] = PetitionKind.ToString();
        }

        if (ProcuratorateMatter != ProcuratorateMatter.None)
        {
            b["procuratorate-matter"] = ProcuratorateMatter.ToString();
        }

        if (CameBy is { } route)
        {
            b["came-by"] = route.ToString();
        }

        if (MediationOutcome is { } outcome)
        {
            b["mediation-outcome"] = outcome.ToString();
        }

        return b.ToImmutable();
    }

    /// <summary>Renders the facts on one line, for explanations.</summary>
    /// <returns>For example <c>dispute-type=debt, origin=Court, suitable=yes…</c>.</returns>
    public override string ToString() => string.Join(", ", ToFacts().Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}={f.Value}")));

    private static string Flag(bool value) => value ? "yes" : "no";
}
