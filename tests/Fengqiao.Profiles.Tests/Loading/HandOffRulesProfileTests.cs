using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules.Layering;
using Fengqiao.TestSupport;

namespace Fengqiao.Profiles.Tests.Loading;

public class HandOffRulesProfileTests
{
    private static string Korla() => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "korla.yaml"));

    private static string Yumen() => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));

    [Fact]
    public void BuildHandOffRules_Korla_AddsTheCountyRowWithItsOrigin_DefaultsStay()
    {
        var rules = CountyProfileLoader.Parse(Korla()).BuildHandOffRules();

        Assert.True(rules.TryGetRule("centre-mediates-disputes-first", out var added));
        Assert.Equal(RuleOriginKind.County, added!.Origin.Kind);
        Assert.True(rules.TryGetRule(HandOffRules.PetitionRemedyMediationFirst, out var petition));
        Assert.Equal(RuleOriginKind.Default, petition!.Origin.Kind);
        var match = Assert.Single(HandOffRules.Decide(rules, new HandOffFact(HandOffOrigin.Centre, new DisputeType("dispute"))));
        Assert.Equal(new HandOffDecision(HandOffPurpose.CentreReferral, HandOffTarget.MediationBody, "综治中心调解优先：先行调解"), match.Decision);
        Assert.Empty(HandOffRules.Decide(rules, new HandOffFact(HandOffOrigin.Centre, new DisputeType("livelihood"))));
    }

    [Fact]
    public void BuildHandOffRules_Yumen_ReplacesThePetitionRuleById()
    {
        var rules = CountyProfileLoader.Parse(Yumen()).BuildHandOffRules();

        Assert.True(rules.TryGetRule(HandOffRules.PetitionRemedyMediationFirst, out var petition));
        Assert.Equal(RuleOriginKind.County, petition!.Origin.Kind);
        var match = Assert.Single(HandOffRules.Decide(rules, new HandOffFact(HandOffOrigin.PetitionOffice, new DisputeType("petition-remedy")) { PetitionKind = PetitionKind.SeeksRemedy }));
        Assert.Equal(HandOffRules.PetitionRemedyMediationFirst, match.RuleId);
        Assert.Equal("玉门访调对接：申诉求决类信访事项先行调解", match.Decision.Note);
    }

    [Fact]
    public void BuildHandOffRules_NoSection_IsTheDefaultRuleSet()
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "baiyin.yaml"));

        Assert.Same(HandOffRules.Default, profile.BuildHandOffRules());
    }

    [Fact]
    public void Disable_ADefaultRule_SwitchesItOff()
    {
        var yaml = Korla() + "    disable: [centre-refer-suitable]\n";

        var rules = CountyProfileLoader.Parse(yaml).BuildHandOffRules();

        Assert.True(rules.TryGetRule(HandOffRules.CentreReferSuitable, out var centre));
        Assert.NotNull(centre!.DisabledBy);
        Assert.Empty(HandOffRules.Decide(rules, new HandOffFact(HandOffOrigin.Centre, DisputeType.Debt) { SuitableForMediation = true }));
    }

    [Fact]
    public void Write_ThenParse_RoundTripsTheHandOffRows()
    {
        var profile = CountyProfileLoader.Parse(Yumen().Replace("    rows:\n", "    disable: [court-confirm-agreement]\n    rows:\n"));

        var written = CountyProfileWriter.Write(profile);
        var again = CountyProfileLoader.Parse(written);

        Assert.Contains("  hand-offs:\n", written, StringComparison.Ordinal);
        Assert.Contains("id: \"centre-refers-civil-disputes\"", written, StringComparison.Ordinal);
        Assert.Equal(written, CountyProfileWriter.Write(again));
        Assert.Equal(profile.HandOffRules.Rows.Select(r => r.ToString()), again.HandOffRules.Rows.Select(r => r.ToString()));
        Assert.Equal(["court-confirm-agreement"], again.HandOffRules.Disable.ToArray());
    }

    [Fact]
    public void Rows_UnknownFieldPurposeBodyKindDisputeTypeAndDisable_AreReportedWhereWrittenWithDidYouMean()
    {
        var yaml = Korla()
            .Replace("- field: origin", "- field: orgin")
            .Replace("values: [dispute, labour]", "values: [dispute, labuor]")
            .Replace("target: centre-referral", "target: centre-referal\n          to: mediation-bdy")
            + "    disable: [centre-refer-suitabel]\n";

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "korla.yaml"));

        Assert.Contains(error.Problems, p => p.Message.Contains("'orgin' is not a hand-off fact field") && p.Message.Contains("did you mean 'origin'?")
            && p.Path.StartsWith("rules.hand-offs.rows[0].when", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains("dispute type 'labuor'") && p.Message.Contains("did you mean 'labour'?"));
        Assert.Contains(error.Problems, p => p.Message.Contains("'centre-referal' is not a hand-off purpose") && p.Message.Contains("did you mean 'centre-referral'?"));
        Assert.Contains(error.Problems, p => p.Message.Contains("'mediation-bdy' is not a kind of receiving body") && p.Message.Contains("did you mean 'mediation-body'?"));
        Assert.Contains(error.Problems, p => p.Message.Contains("cannot disable 'centre-refer-suitabel'") && p.Message.Contains("did you mean 'centre-refer-suitable'?"));
        Assert.All(error.Problems, p => Assert.True(p.Line > 0 && p.Column > 0, p.ToString()));
        Assert.All(error.Problems, p => Assert.Equal("korla.yaml", p.File));
    }

    [Fact]
    public void Rows_OperatorThatDoesNotFitTheFieldType_IsReportedAtTheRow()
    {
        var yaml = Korla().Replace("              op: in\n              values: [dispute, labour]", "              op: \">=\"\n              value: dispute");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "korla.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("operator '>='", problem.Message, StringComparison.Ordinal);
        Assert.Equal("rules.hand-offs.rows[0]", problem.Path);
    }

    [Fact]
    public void Rows_SendingToMediationWithoutAnyBody_AreRefused()
    {
        var yaml = Korla();
        var start = yaml.IndexOf("\nmediation:\n", StringComparison.Ordinal);
        var end = yaml.IndexOf("\nrules:\n", StringComparison.Ordinal);
        yaml = yaml[..start] + yaml[end..];

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "korla.yaml"));

        Assert.Contains(error.Problems, p => p.Message.Contains("no body is defined under mediation.bodies"));
    }

    [Fact]
    public void Rows_DirectionThatDoesNotFitThePurpose_IsReportedAtTheRow()
    {
        var yaml = Korla().Replace("target: centre-referral", "target: centre-referral\n          to: court");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "korla.yaml"));

        Assert.Contains(error.Problems, p => p.Message.Contains("'to' must be mediation-body") && p.Path == "rules.hand-offs.rows[0]");
    }

    [Fact]
    public void BuildOrgTreeWithMediationBodies_Yumen_HasEveryBodyAsAUnitWithItsMediatorsAsWorkers()
    {
        var profile = CountyProfileLoader.Parse(Yumen());

        var tree = profile.BuildOrgTreeWithMediationBodies();

        foreach (var body in profile.Mediation.Bodies)
        {
            var unit = tree.Find(body.Id);
            Assert.NotNull(unit);
            Assert.Equal(OrgUnitKind.MediationBody, unit.Kind);
            Assert.Equal(new OrgUnitId("city-secretary"), unit.Parent);
        }

        var labour = tree.Find(new OrgUnitId("committee-labour"))!;
        var mediator = Assert.Single(labour.Members);
        Assert.Equal(new ActorId("med-4"), mediator.Id);
        Assert.True(mediator.Holds(MemberRole.Worker));
        Assert.Equal(profile.BuildOrgTree().Units.Length + profile.Mediation.Bodies.Length, tree.Units.Length);
    }

    [Fact]
    public void Generate_Members_EachUnitGetsItsOwnNumberedMember()
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"));

        var tree = profile.BuildOrgTree();

        var grid = tree.Find(new OrgUnitId("yashan-grid-07"))!;
        var worker = Assert.Single(grid.Members);
        Assert.Equal(new ActorId("yashan-grid-07-worker"), worker.Id);
        Assert.Equal("雅山网格7网格员", worker.Name);
        Assert.True(worker.Holds(MemberRole.Worker));
    }

    [Fact]
    public void Generate_MemberIdWithABadNumberFormat_IsReportedWhereWritten()
    {
        var yaml = File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml")).Replace("yashan-grid-{n:00}-worker", "yashan-grid-{n:xx}-worker");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "saybagh.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("{n:xx}", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("org.generate[2].members[0].id", problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_MisspeltActionField_SuggestsTarget()
    {
        var yaml = Korla().Replace("target: centre-referral", "targt: centre-referral");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "korla.yaml"));

        Assert.Contains(error.Problems, p => p.Message.Contains("missing field 'target'") && p.Message.Contains("centre-referral"));
    }

    [Fact]
    public void Rows_NamingABody_RouteThereOnly_AndAnUnknownBodyIsReportedWithDidYouMean()
    {
        var named = Korla().Replace("target: centre-referral", "target: centre-referral\n          body: expert-pool");
        var misspelt = Korla().Replace("target: centre-referral", "target: centre-referral\n          body: expert-pol");

        var rules = CountyProfileLoader.Parse(named).BuildHandOffRules();
        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(misspelt, "korla.yaml"));

        var match = Assert.Single(HandOffRules.Decide(rules, new HandOffFact(HandOffOrigin.Centre, DisputeType.Labour)));
        Assert.Equal(new OrgUnitId("expert-pool"), match.Decision.Body);
        var problem = Assert.Single(error.Problems);
        Assert.Contains("body 'expert-pol' is not defined under mediation.bodies", problem.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'expert-pool'?", problem.Message, StringComparison.Ordinal);
        Assert.Equal("rules.hand-offs.rows[0].then.body", problem.Path);
    }
}
