using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules;
using Fengqiao.Rules.Tables;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;

namespace Fengqiao.Mediation.Tests.Rules;

public class HandOffTableTests
{
    private static readonly DisputeType[] Types = [DisputeType.Debt, DisputeType.Traffic, DisputeType.Labour, new("petition-remedy")];

    private static FsCheck.Gen<T> OneOf<T>(params T[] values) => Gen.Elements(values);

    private static readonly FsCheck.Gen<HandOffFact> Facts =
        from origin in OneOf(Enum.GetValues<HandOffOrigin>())
        from type in OneOf(Types)
        from mask in Gen.Choose(0, 127)
        from petition in OneOf(Enum.GetValues<PetitionKind>())
        from matter in OneOf(Enum.GetValues<ProcuratorateMatter>())
        from cameBy in OneOf<HandOffRoute?>([null, .. Enum.GetValues<HandOffRoute>().Cast<HandOffRoute?>()])
        from outcome in OneOf<HandOffOutcome?>([null, .. Enum.GetValues<HandOffOutcome>().Cast<HandOffOutcome?>()])
        select new HandOffFact(origin, type)
        {
            SuitableForMediation = (mask & 1) != 0,
            FiledWithCourt = (mask & 2) != 0,
            PetitionKind = petition,
            PoliceCall = (mask & 4) != 0,
            MediatedOnSite = (mask & 8) != 0,
            TrafficAccident = (mask & 16) != 0,
            ProcuratorateMatter = matter,
            CameBy = cameBy,
            MediationOutcome = outcome,
            ConfirmationRequested = (mask & 32) != 0,
            SwitchToPoliceRequested = (mask & 64) != 0,
        };

    private static readonly RuleSet<HandOffFact, HandOffDecision> FromTable = HandOffTable.ToRuleSet(HandOffTable.CreateDefault());

    [Fact]
    public void ToRuleSet_DefaultTable_DecidesTheSameAsTheCodeFirstRulesOnRandomFacts()
    {
        var matched = 0;
        PropertyCheck.ForAll(Facts, fact =>
        {
            var expected = HandOffRules.Decide(HandOffRules.Default, fact);
            var actual = HandOffRules.Decide(FromTable, fact);
            Assert.Equal(expected.Select(m => m.RuleId), actual.Select(m => m.RuleId));
            Assert.Equal(expected.Select(m => m.Decision), actual.Select(m => m.Decision));
            matched += expected.Length;
        }, runsScale: 5);

        // The generator must reach the rules, or the property says nothing.
        Assert.True(matched > 0, "no random fact matched any rule");
    }

    private static readonly HandOffFact[] RuleFacts =
    [
        new HandOffFact(HandOffOrigin.Court, DisputeType.Debt) { FiledWithCourt = true, SuitableForMediation = true },
        new HandOffFact(HandOffOrigin.Mediation, DisputeType.Debt) { MediationOutcome = HandOffOutcome.PartialAgreement, ConfirmationRequested = true },
        new HandOffFact(HandOffOrigin.Mediation, DisputeType.Debt) { CameBy = HandOffRoute.Court, MediationOutcome = HandOffOutcome.Withdrawal },
        new HandOffFact(HandOffOrigin.Police, DisputeType.Neighbour) { PoliceCall = true, MediatedOnSite = true },
        new HandOffFact(HandOffOrigin.Mediation, DisputeType.Traffic) { TrafficAccident = true, MediationOutcome = HandOffOutcome.Failure, SwitchToPoliceRequested = true },
        new HandOffFact(HandOffOrigin.PetitionOffice, DisputeType.Land) { PetitionKind = PetitionKind.SeeksRemedy },
        new HandOffFact(HandOffOrigin.Mediation, DisputeType.Land) { CameBy = HandOffRoute.Petition, MediationOutcome = HandOffOutcome.PartialAgreement },
        new HandOffFact(HandOffOrigin.Procuratorate, DisputeType.Family) { ProcuratorateMatter = ProcuratorateMatter.JudicialAssistance, SuitableForMediation = true },
        new HandOffFact(HandOffOrigin.Mediation, DisputeType.Family) { CameBy = HandOffRoute.Procuratorate, MediationOutcome = HandOffOutcome.Received },
        new HandOffFact(HandOffOrigin.Centre, DisputeType.Consumer) { SuitableForMediation = true },
    ];

    public static TheoryData<HandOffFact> OneFactPerRule() => [.. RuleFacts];

    [Theory]
    [MemberData(nameof(OneFactPerRule))]
    public void ToRuleSet_DefaultTable_DecidesTheSameAsTheCodeFirstRulesForEachRule(HandOffFact fact)
    {
        var expected = HandOffRules.Decide(HandOffRules.Default, fact);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(m => (m.RuleId, m.Decision)), HandOffRules.Decide(FromTable, fact).Select(m => (m.RuleId, m.Decision)));
    }

    [Fact]
    public void OneFactPerRule_ReachesEveryDefaultRule()
    {
        var reached = RuleFacts.SelectMany(f => HandOffRules.Decide(HandOffRules.Default, f).Select(m => m.RuleId)).ToHashSet();

        Assert.Equal(HandOffRules.Default.Rules.Select(r => r.Id).Order(), reached.Order());
    }

    [Fact]
    public void CreateDefault_HasTheDefaultRulesInOrder_WithTheirDescriptions()
    {
        var table = HandOffTable.CreateDefault();

        Assert.Equal(HandOffRules.Default.Rules.Select(r => r.Id), table.Rows.Select(r => r.Id));
        Assert.Equal(HandOffRules.Default.Rules.Select(r => r.Rule.Description), table.Rows.Select(r => r.Description));
        Assert.Equal(HitPolicy.Collect, table.HitPolicy);
        Assert.Equal(Enum.GetValues<HandOffPurpose>().Length, HandOffTable.Targets.Count);
    }

    [Fact]
    public void ToRuleSet_RowWithNoteAndTarget_DecidesThatPurposeWithTheNote()
    {
        var table = Table(new DecisionRow("centre-neighbour", "neighbour disputes go to mediation",
            TableCondition.All(TableCondition.Equal("origin", "centre"), TableCondition.In("dispute_type", "neighbour", "family")),
            new TableAction("centre-referral", [new("to", "mediation-body"), new("note", "邻里纠纷先调解")])));

        var rules = HandOffTable.ToRuleSet(table);
        var match = Assert.Single(HandOffRules.Decide(rules, new HandOffFact(HandOffOrigin.Centre, DisputeType.Neighbour)));

        Assert.Equal("centre-neighbour", match.RuleId);
        Assert.Equal(new HandOffDecision(HandOffPurpose.CentreReferral, HandOffTarget.MediationBody, "邻里纠纷先调解"), match.Decision);
        Assert.Empty(HandOffRules.Decide(rules, new HandOffFact(HandOffOrigin.Centre, DisputeType.Debt)));
    }

    [Fact]
    public void ToRuleSet_RowWithAWrongDirectionAndAnUnknownParameter_ThrowsListingEveryProblemWithItsRow()
    {
        var table = Table(
            new DecisionRow("back-to-court", "", TableCondition.Equal("origin", "mediation"), new TableAction("court-return-to-filing", [new("to", "mediation-body")])),
            new DecisionRow("odd", "", TableCondition.Equal("origin", "centre"), new TableAction("centre-referral", [new("mediator", "m-1")])));

        var e = Assert.Throws<DecisionTableException>(() => HandOffTable.ToRuleSet(table));

        Assert.Equal(["back-to-court", "odd"], e.Problems.Select(p => p.RuleId));
        Assert.Contains("must be an outside body", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("parameter 'mediator'", e.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRuleSet_RowNamingABody_DecidesWithThatBody_AndRefusesOneOnAReturn()
    {
        var table = Table(new DecisionRow("labour-to-committee", "", TableCondition.Equal("dispute_type", "labour"),
            new TableAction("centre-referral", [new("body", "labour-committee")])));
        var wrong = Table(new DecisionRow("back", "", TableCondition.Equal("origin", "mediation"),
            new TableAction("petition-return", [new("body", "labour-committee")])));

        var match = Assert.Single(HandOffRules.Decide(HandOffTable.ToRuleSet(table), new HandOffFact(HandOffOrigin.Centre, DisputeType.Labour)));
        var e = Assert.Throws<DecisionTableException>(() => HandOffTable.ToRuleSet(wrong));

        Assert.Equal(new Fengqiao.Cases.Organisation.OrgUnitId("labour-committee"), match.Decision.Body);
        Assert.Contains("only a purpose towards mediation", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRuleSet_TargetThatIsNotAPurpose_Throws()
    {
        var table = new DecisionTableBuilder("t", HandOffTable.Schema).AddTargets("court-referral")
            .AddRow("r", "", TableCondition.Equal("origin", "court"), new TableAction("court-referral")).Build();

        var e = Assert.Throws<DecisionTableException>(() => HandOffTable.ToRuleSet(table));

        Assert.Contains("not a hand-off purpose", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    private static DecisionTable Table(params DecisionRow[] rows)
    {
        var builder = new DecisionTableBuilder("county hand-offs", HandOffTable.Schema) { HitPolicy = HitPolicy.Collect }.AddTargets([.. HandOffTable.Targets]);
        foreach (var row in rows)
        {
            builder.AddRow(row);
        }

        return builder.Build();
    }
}
