using Fengqiao.Rules.Tables;

namespace Fengqiao.Rules.Tests.Tables;

internal static class TableSamples
{
    public static FactSchema Schema { get; } = new FactSchemaBuilder()
        .AddEnumeration("level", "grid", "community", "street", "department", "secretary")
        .AddEnumeration("category", "safety", "mass-incident", "wage-arrears", "noise", "other")
        .AddNumber("repeats")
        .AddBoolean("overdue")
        .AddText("text")
        .AddTextList("keywords")
        .Build();

    public static string[] Targets { get; } = ["grid", "community", "street", "department", "secretary"];

    /// <summary>A unique-hit table with no overlaps and no gaps over category × repeats × overdue.</summary>
    public static DecisionTableBuilder StartLevel() =>
        new DecisionTableBuilder("start-level", Schema)
            .AddTargets(Targets)
            .AddRow("safety", "Safety risks and mass incidents start at the party secretary (through the task force)",
                TableCondition.In("category", "safety", "mass-incident"),
                new TableAction("secretary", [new("supervision", "red")]), salience: 50)
            .AddRow("wages", "Wage arrears go to the labour department",
                TableCondition.Equal("category", "wage-arrears"),
                new TableAction("department", [new("department", "labour")]), salience: 40)
            .AddRow("repeat", "A matter reported 3 times starts at the street",
                TableCondition.All(TableCondition.In("category", "noise", "other"), TableCondition.GreaterThanOrEqual("repeats", 3)),
                new TableAction("street"), salience: 30)
            .AddRow("overdue", "Overdue ordinary matters go to the community",
                TableCondition.All(TableCondition.In("category", "noise", "other"), TableCondition.LessThan("repeats", 3), TableCondition.Equal("overdue", true)),
                new TableAction("community"), salience: 20)
            .AddRow("stays", "Ordinary matters stay in the grid",
                TableCondition.All(TableCondition.NotIn("category", "safety", "mass-incident", "wage-arrears"), TableCondition.LessThan("repeats", 3), TableCondition.Equal("overdue", false)),
                new TableAction("grid"));

    public static FactRecord Fact(string category, decimal repeats = 0, bool overdue = false, string text = "", string[]? keywords = null, string level = "grid") =>
        Schema.CreateRecord()
            .Set("level", level)
            .Set("category", category)
            .Set("repeats", repeats)
            .Set("overdue", overdue)
            .Set("text", text)
            .Set("keywords", keywords ?? [])
            .Build();
}
