using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Rules;
using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Tables;

namespace Fengqiao.Mediation.Rules;

/// <summary>
/// Hand-off rules (移交规则) as data: the fact schema and targets a county profile's decision table uses, the default
/// rules of <see cref="HandOffRules"/> stated as such a table, and the bridge that turns a table into rules
/// <see cref="HandOffRules.Decide"/>, <see cref="Desk.HandOffCasePolicy"/> and <see cref="Desk.MediationDesk"/> run.
/// </summary>
/// <remarks>
/// <para>The schema (<see cref="Schema"/>) has one field per <see cref="HandOffFact"/> property: <c>origin</c>
/// (court/police/petition-office/procuratorate/centre/mediation), <c>dispute_type</c> (text, a
/// <see cref="Bodies.DisputeType"/> key), <c>suitable</c>, <c>filed_with_court</c>, <c>petition_kind</c>
/// (none/seeks-remedy/suggestion/accusation), <c>police_call</c>, <c>mediated_on_site</c>, <c>traffic_accident</c>,
/// <c>procuratorate_matter</c> (none/criminal-reconciliation/civil-supervision/judicial-assistance), <c>came_by</c>
/// (none/court/police/petition/procuratorate/centre), <c>mediation_outcome</c>
/// (none/agreement/partial-agreement/failure/withdrawal/received), <c>confirmation_requested</c> and
/// <c>switch_to_police_requested</c>; "none" stands for an unset optional value.</para>
/// <para>Targets (<see cref="Targets"/>) are the hand-off purposes in kebab case (<c>petition-mediation-first</c>,
/// <c>centre-referral</c>…, one per <see cref="HandOffPurpose"/>). Parameters: <c>to</c>, the kind of receiving body
/// (<c>mediation-body</c>, <c>court</c>, <c>police-station</c>, <c>petition-office</c>, <c>procuratorate</c>; by
/// default the purpose's own, <see cref="DefaultTargetFor"/>; a purpose towards mediation must name
/// <c>mediation-body</c> and one back from mediation must not), and <c>note</c>, the reason written into the
/// hand-off (by default the purpose's standard note), and <c>body</c>, the id of the one mediation body a purpose
/// towards mediation must go to (<see cref="HandOffDecision.Body"/>; by default the router chooses).</para>
/// <para>The hit policy is <see cref="HitPolicy.Collect"/>, as for <see cref="HandOffRules.Default"/>. A
/// table-compiled rule reads a <see cref="FactRecord"/> made from the fact on each test, so it is slower than the
/// code-first rules; both decide the same for the default rules (a property test checks it on random facts).</para>
/// </remarks>
/// <threadsafety>All members are thread-safe; what they return is immutable.</threadsafety>
public static class HandOffTable
{
    private static readonly ImmutableArray<HandOffPurpose> Purposes = [.. Enum.GetValues<HandOffPurpose>()];

    /// <summary>Gets the names of the action parameters a row may set: <c>to</c>, <c>note</c> and <c>body</c>.</summary>
    public static IReadOnlyList<string> Parameters { get; } = ["to", "note", "body"];

    /// <summary>Gets the targets a table's actions may name: the hand-off purposes in kebab case.</summary>
    public static IReadOnlyList<string> Targets { get; } = [.. Purposes.Select(p => Kebab(p.ToString()))];

    /// <summary>Gets the names of the receiving-body kinds the <c>to</c> parameter takes, in kebab case.</summary>
    public static IReadOnlyList<string> TargetKinds { get; } = [.. Enum.GetValues<HandOffTarget>().Select(t => Kebab(t.ToString()))];

    /// <summary>Gets the fact schema (see the type's remarks for its fields).</summary>
    public static FactSchema Schema { get; } = new FactSchemaBuilder()
        .AddEnumeration("origin", [.. Enum.GetValues<HandOffOrigin>().Select(o => Kebab(o.ToString()))])
        .AddText("dispute_type")
        .AddBoolean("suitable")
        .AddBoolean("filed_with_court")
        .AddEnumeration("petition_kind", [.. Enum.GetValues<PetitionKind>().Select(o => Kebab(o.ToString()))])
        .AddBoolean("police_call")
        .AddBoolean("mediated_on_site")
        .AddBoolean("traffic_accident")
        .AddEnumeration("procuratorate_matter", [.. Enum.GetValues<ProcuratorateMatter>().Select(o => Kebab(o.ToString()))])
        .AddEnumeration("came_by", ["none", .. Enum.GetValues<HandOffRoute>().Select(o => Kebab(o.ToString()))])
        .AddEnumeration("mediation_outcome", ["none", .. Enum.GetValues<HandOffOutcome>().Select(o => Kebab(o.ToString()))])
        .AddBoolean("confirmation_requested")
        .AddBoolean("switch_to_police_requested")
        .Build();

    /// <summary>Gets the kebab-case target name of a purpose, e.g. <c>petition-mediation-first</c>.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The name a table's action uses.</returns>
    internal static string TargetName(HandOffPurpose purpose) => Kebab(purpose.ToString());

    /// <summary>Gets the kebab-case name of a receiving-body kind, e.g. <c>mediation-body</c>.</summary>
    /// <param name="target">The kind.</param>
    /// <returns>The name the <c>to</c> parameter uses.</returns>
    internal static string TargetKindName(HandOffTarget target) => Kebab(target.ToString());

    /// <summary>Gets the kind of body a purpose hands to unless a row says otherwise: a mediation body for a flow towards
    /// mediation, otherwise the flow's outside body.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The receiving-body kind.</returns>
    internal static HandOffTarget DefaultTargetFor(HandOffPurpose purpose)
    {
        var flow = HandOffFlows.For(purpose);
        return flow.Direction == HandOffDirection.ToMediation
            ? HandOffTarget.MediationBody
            : flow.Route switch
            {
                HandOffRoute.Court => HandOffTarget.Court,
                HandOffRoute.Police => HandOffTarget.PoliceStation,
                HandOffRoute.Petition => HandOffTarget.PetitionOffice,
                HandOffRoute.Procuratorate => HandOffTarget.Procuratorate,
                _ => HandOffTarget.MediationBody,
            };
    }

    /// <summary>Gets the standard note of a purpose, written into a hand-off when a row sets no <c>note</c>.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <returns>The note, the same as <see cref="HandOffRules.Default"/>'s rule for that purpose writes.</returns>
    internal static string DefaultNoteFor(HandOffPurpose purpose) => purpose switch
    {
        HandOffPurpose.CourtPreFilingDiversion => "suitable filed dispute diverted to pre-filing mediation (诉前委派调解)",
        HandOffPurpose.CourtJudicialConfirmation => "agreement sent for judicial confirmation (司法确认)",
        HandOffPurpose.CourtReturnToFiling => "pre-filing mediation ended without agreement: back to filing (转立案)",
        HandOffPurpose.PoliceFollowUpMediation => "mediated on site; handed to the local committee for follow-up joint mediation (警调联动)",
        HandOffPurpose.PoliceTrafficSwitch => "traffic accident: switch to police mediation (转公安调解)",
        HandOffPurpose.PetitionMediationFirst => "petition seeking a remedy goes to mediation first (访调对接)",
        HandOffPurpose.PetitionReturn => "mediation failed: back to petition handling with the record (转回信访办理)",
        HandOffPurpose.ProcuratorateReferral => "suitable case referred to mediation with social forces (检调对接)",
        HandOffPurpose.ProcuratorateReturn => "mediation outcome returned to the procuratorate",
        HandOffPurpose.CentreReferral => "centre refers the dispute to mediation (中心分流)",
        _ => purpose.ToString(),
    };

    /// <summary>States <see cref="HandOffRules.Default"/> as a decision table: the same ids, descriptions, order and
    /// decisions (collect hit policy).</summary>
    /// <returns>The table, named <see cref="HandOffRules.RuleSetName"/>.</returns>
    public static DecisionTable CreateDefault()
    {
        var reference = HandOffRules.Default;
        string Description(string id) => reference.TryGetRule(id, out var r) ? r.Rule.Description : id;
        var atMediation = TableCondition.Equal("origin", "mediation");
        TableAction Action(HandOffPurpose purpose) => new(TargetName(purpose));
        return new DecisionTableBuilder(HandOffRules.RuleSetName, Schema) { HitPolicy = HitPolicy.Collect }
            .AddTargets([.. Targets])
            .AddRow(HandOffRules.CourtDivertSuitable, Description(HandOffRules.CourtDivertSuitable),
                TableCondition.All(TableCondition.Equal("origin", "court"), TableCondition.Equal("filed_with_court", true), TableCondition.Equal("suitable", true)),
                Action(HandOffPurpose.CourtPreFilingDiversion))
            .AddRow(HandOffRules.CourtConfirmAgreement, Description(HandOffRules.CourtConfirmAgreement),
                TableCondition.All(atMediation, TableCondition.In("mediation_outcome", "agreement", "partial-agreement"), TableCondition.Equal("confirmation_requested", true)),
                Action(HandOffPurpose.CourtJudicialConfirmation))
            .AddRow(HandOffRules.CourtReturnFailure, Description(HandOffRules.CourtReturnFailure),
                TableCondition.All(atMediation, TableCondition.Equal("came_by", "court"), TableCondition.In("mediation_outcome", "failure", "withdrawal")),
                Action(HandOffPurpose.CourtReturnToFiling))
            .AddRow(HandOffRules.PoliceCallFollowUp, Description(HandOffRules.PoliceCallFollowUp),
                TableCondition.All(TableCondition.Equal("origin", "police"), TableCondition.Equal("police_call", true), TableCondition.Equal("mediated_on_site", true)),
                Action(HandOffPurpose.PoliceFollowUpMediation))
            .AddRow(HandOffRules.PoliceTrafficSwitch, Description(HandOffRules.PoliceTrafficSwitch),
                TableCondition.All(atMediation, TableCondition.Equal("traffic_accident", true), TableCondition.In("mediation_outcome", "failure", "withdrawal"),
                    TableCondition.Equal("switch_to_police_requested", true)),
                Action(HandOffPurpose.PoliceTrafficSwitch))
            .AddRow(HandOffRules.PetitionRemedyMediationFirst, Description(HandOffRules.PetitionRemedyMediationFirst),
                TableCondition.All(TableCondition.Equal("origin", "petition-office"), TableCondition.Equal("petition_kind", "seeks-remedy")),
                Action(HandOffPurpose.PetitionMediationFirst))
            .AddRow(HandOffRules.PetitionReturnFailure, Description(HandOffRules.PetitionReturnFailure),
                TableCondition.All(atMediation, TableCondition.Equal("came_by", "petition"), TableCondition.In("mediation_outcome", "failure", "partial-agreement")),
                Action(HandOffPurpose.PetitionReturn))
            .AddRow(HandOffRules.ProcuratorateReferSuitable, Description(HandOffRules.ProcuratorateReferSuitable),
                TableCondition.All(TableCondition.Equal("origin", "procuratorate"), TableCondition.NotIn("procuratorate_matter", "none"), TableCondition.Equal("suitable", true)),
                Action(HandOffPurpose.ProcuratorateReferral))
            .AddRow(HandOffRules.ProcuratorateReturnOutcome, Description(HandOffRules.ProcuratorateReturnOutcome),
                TableCondition.All(atMediation, TableCondition.Equal("came_by", "procuratorate"), TableCondition.NotIn("mediation_outcome", "none")),
                Action(HandOffPurpose.ProcuratorateReturn))
            .AddRow(HandOffRules.CentreReferSuitable, Description(HandOffRules.CentreReferSuitable),
                TableCondition.All(TableCondition.Equal("origin", "centre"), TableCondition.Equal("suitable", true)),
                Action(HandOffPurpose.CentreReferral))
            .Build();
    }

    /// <summary>Compiles a table into hand-off rules.</summary>
    /// <param name="table">A table over <see cref="Schema"/>'s fields naming <see cref="Targets"/>.</param>
    /// <param name="origin">Where the rules come from; <see cref="RuleOrigin.Default"/> when null.</param>
    /// <returns>A rule set with one rule per row (same id, description, salience and order, the table's hit policy);
    /// each rule has one part, named after the row's condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="DecisionTableException">The table's schema has a field <see cref="Schema"/> does not (or of
    /// another type), a row names a target outside <see cref="Targets"/>, an unknown parameter, an unknown <c>to</c>
    /// kind, or a <c>to</c> that does not fit the purpose's direction; every problem is listed with its row id.</exception>
    public static RuleSet<HandOffFact, HandOffDecision> ToRuleSet(DecisionTable table, RuleOrigin? origin = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var problems = new List<RuleProblem>();
        foreach (var field in table.Schema.Fields)
        {
            if (!Schema.TryGetField(field.Name, out var known) || known.Type != field.Type)
            {
                problems.Add(new RuleProblem(RuleProblemKind.UnknownField, null, null, field.Name,
                    $"table '{table.Name}': field '{field.Name}' ({field.Type}) is not a field of the hand-off schema."));
            }
        }

        var decisions = new Dictionary<string, HandOffDecision>(StringComparer.Ordinal);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (ToDecision(row, r + 1, problems) is { } decision)
            {
                decisions[row.Id] = decision;
            }
        }

        if (problems.Count > 0)
        {
            throw new DecisionTableException(table.Name, problems);
        }

        var compiled = table.ToRuleSet(origin);
        var schema = table.Schema;
        var builder = new RuleSetBuilder<HandOffFact, HandOffDecision>(table.Name) { HitPolicy = table.HitPolicy, Origin = origin ?? RuleOrigin.Default };
        foreach (var row in table.Rows)
        {
            var rule = compiled.TryGetRule(row.Id, out var entry) ? entry.Rule : throw new InvalidOperationException($"Row '{row.Id}' did not compile.");
            var decision = decisions[row.Id];
            builder.Add(
                row.Id,
                row.Description,
                Condition.Part<HandOffFact>(row.Condition.ToString(), f => rule.Matches(ToRecord(schema, f))),
                _ => decision,
                row.Salience);
        }

        return builder.Build();
    }

    /// <summary>Makes the record a table reads from a fact.</summary>
    /// <param name="schema">The table's schema (<see cref="Schema"/>, or a schema with some of its fields).</param>
    /// <param name="fact">The fact.</param>
    /// <returns>The record; fields the schema lacks are skipped.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static FactRecord ToRecord(FactSchema schema, HandOffFact fact)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(fact);
        var record = schema.CreateRecord();
        void Text(string field, string value)
        {
            if (schema.TryGetField(field, out _))
            {
                record.Set(field, value);
            }
        }

        void Flag(string field, bool value)
        {
            if (schema.TryGetField(field, out _))
            {
                record.Set(field, value);
            }
        }

        Text("origin", Kebab(fact.Origin.ToString()));
        Text("dispute_type", fact.DisputeType.Key ?? "");
        Flag("suitable", fact.SuitableForMediation);
        Flag("filed_with_court", fact.FiledWithCourt);
        Text("petition_kind", Kebab(fact.PetitionKind.ToString()));
        Flag("police_call", fact.PoliceCall);
        Flag("mediated_on_site", fact.MediatedOnSite);
        Flag("traffic_accident", fact.TrafficAccident);
        Text("procuratorate_matter", Kebab(fact.ProcuratorateMatter.ToString()));
        Text("came_by", fact.CameBy is { } route ? Kebab(route.ToString()) : "none");
        Text("mediation_outcome", fact.MediationOutcome is { } outcome ? Kebab(outcome.ToString()) : "none");
        Flag("confirmation_requested", fact.ConfirmationRequested);
        Flag("switch_to_police_requested", fact.SwitchToPoliceRequested);
        return record.Build();
    }

    private static HandOffDecision? ToDecision(DecisionRow row, int rowNumber, List<RuleProblem> problems)
    {
        var action = row.Action;
        var where = string.Create(CultureInfo.InvariantCulture, $"row {rowNumber}, rule '{row.Id}'");
        var index = Targets.ToList().IndexOf(action.Target);
        if (index < 0)
        {
            problems.Add(new RuleProblem(RuleProblemKind.UnknownTarget, row.Id, rowNumber, null,
                $"{where}: target '{action.Target}' is not a hand-off purpose; use one of {string.Join(", ", Targets)}."));
            return null;
        }

        var purpose = Purposes[index];
        var ok = true;
        foreach (var name in action.Parameters.Keys.Where(k => !Parameters.Contains(k)))
        {
            problems.Add(new RuleProblem(RuleProblemKind.UnknownTarget, row.Id, rowNumber, null,
                $"{where}: parameter '{name}' is not one of {string.Join(", ", Parameters)}."));
            ok = false;
        }

        var target = DefaultTargetFor(purpose);
        if (action.Parameters.TryGetValue("to", out var to))
        {
            var kind = TargetKinds.ToList().IndexOf(to);
            if (kind < 0)
            {
                problems.Add(new RuleProblem(RuleProblemKind.UnknownTarget, row.Id, rowNumber, null,
                    $"{where}: to '{to}' is not a kind of receiving body; use one of {string.Join(", ", TargetKinds)}."));
                return null;
            }

            target = Enum.GetValues<HandOffTarget>()[kind];
            var towardsMediation = HandOffFlows.For(purpose).Direction == HandOffDirection.ToMediation;
            if (towardsMediation != (target == HandOffTarget.MediationBody))
            {
                problems.Add(new RuleProblem(RuleProblemKind.UnknownTarget, row.Id, rowNumber, null, towardsMediation
                    ? $"{where}: purpose '{action.Target}' hands the matter to mediation, so 'to' must be mediation-body, not '{to}'."
                    : $"{where}: purpose '{action.Target}' hands the matter back from mediation, so 'to' must be an outside body, not mediation-body."));
                return null;
            }
        }

        Fengqiao.Cases.Organisation.OrgUnitId? body = null;
        if (action.Parameters.TryGetValue("body", out var bodyText))
        {
            if (target != HandOffTarget.MediationBody || string.IsNullOrWhiteSpace(bodyText))
            {
                problems.Add(new RuleProblem(RuleProblemKind.UnknownTarget, row.Id, rowNumber, null,
                    $"{where}: 'body' names a mediation body, so it fits only a purpose towards mediation and may not be empty."));
                return null;
            }

            body = new Fengqiao.Cases.Organisation.OrgUnitId(bodyText);
        }

        var note = action.Parameters.TryGetValue("note", out var text) && !string.IsNullOrWhiteSpace(text) ? text : DefaultNoteFor(purpose);
        return ok ? new HandOffDecision(purpose, target, note) { Body = body } : null;
    }

    private static string Kebab(string pascal)
    {
        var chars = new List<char>(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    chars.Add('-');
                }

                chars.Add(char.ToLowerInvariant(c));
            }
            else
            {
                chars.Add(c);
            }
        }

        return new string([.. chars]);
    }
}
