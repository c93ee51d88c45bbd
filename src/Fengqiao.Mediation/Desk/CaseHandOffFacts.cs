using Fengqiao.Cases;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Rules;

namespace Fengqiao.Mediation.Desk;

/// <summary>The documented conventions by which a case on the desk becomes a <see cref="HandOffFact"/> for <see cref="HandOffRules"/>.</summary>
/// <remarks>
/// <para>Conventions (the category key is matched case-insensitively, as text):</para>
/// <list type="bullet">
/// <item><description>Origin: a report from <see cref="CaseChannel.PetitionOffice"/> (信访) is <see cref="HandOffOrigin.PetitionOffice"/>;
/// a category starting with <c>police-</c> (a 110 call passed to the centre) is <see cref="HandOffOrigin.Police"/>;
/// anything else is <see cref="HandOffOrigin.Centre"/>.</description></item>
/// <item><description>Petition kind (petition office only): a category containing <c>remedy</c> is
/// <see cref="PetitionKind.SeeksRemedy"/> (申诉求决类), <c>suggestion</c> is <see cref="PetitionKind.Suggestion"/>,
/// <c>accusation</c> is <see cref="PetitionKind.Accusation"/>; otherwise <see cref="PetitionKind.None"/>.</description></item>
/// <item><description>Police flags (police origin only): <see cref="HandOffFact.PoliceCall"/> is set;
/// <see cref="HandOffFact.MediatedOnSite"/> when the category contains <c>on-site</c>;
/// <see cref="HandOffFact.TrafficAccident"/> when it contains <c>traffic</c>.</description></item>
/// <item><description>Suitable for mediation: when the category contains <c>mediable</c>. Nothing else is assumed suitable.</description></item>
/// <item><description>Dispute type: the first of the well-known <see cref="DisputeType"/> keys (labour, traffic, medical,
/// property-management, consumer, land, debt, family, neighbour, administrative-act) the category contains; otherwise
/// a dispute type named by the whole category key.</description></item>
/// </list>
/// <para>A county with other category keys passes its own function to <see cref="HandOffCasePolicy"/>.</para>
/// </remarks>
/// <threadsafety>Stateless and thread-safe.</threadsafety>
public static class CaseHandOffFacts
{
    private static readonly DisputeType[] KnownTypes =
    [
        DisputeType.PropertyManagement, DisputeType.AdministrativeAct, DisputeType.Labour, DisputeType.Traffic, DisputeType.Medical,
        DisputeType.Consumer, DisputeType.Land, DisputeType.Debt, DisputeType.Family, DisputeType.Neighbour,
    ];

    /// <summary>Builds the hand-off fact for a case by the conventions above.</summary>
    /// <param name="case">The case.</param>
    /// <returns>The fact; never <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is null.</exception>
    public static HandOffFact FromCase(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var category = @case.Report.Category.Key;
        bool Has(string part) => category.Contains(part, StringComparison.OrdinalIgnoreCase);

        var origin = @case.Report.Channel == CaseChannel.PetitionOffice ? HandOffOrigin.PetitionOffice
            : category.StartsWith("police-", StringComparison.OrdinalIgnoreCase) ? HandOffOrigin.Police
            : HandOffOrigin.Centre;
        var type = KnownTypes.FirstOrDefault(t => Has(t.Key));
        if (type.Key is null)
        {
            type = new DisputeType(category);
        }

        var petitionKind = origin != HandOffOrigin.PetitionOffice ? PetitionKind.None
            : Has("remedy") ? PetitionKind.SeeksRemedy
            : Has("suggestion") ? PetitionKind.Suggestion
            : Has("accusation") ? PetitionKind.Accusation
            : PetitionKind.None;
        var police = origin == HandOffOrigin.Police;
        return new HandOffFact(origin, type)
        {
            PetitionKind = petitionKind,
            PoliceCall = police,
            MediatedOnSite = police && Has("on-site"),
            TrafficAccident = police && Has("traffic"),
            SuitableForMediation = Has("mediable"),
        };
    }
}
