using Fengqiao.Escalation.Ladders;
using Fengqiao.TestSupport;

namespace Fengqiao.Escalation.Tests.Ladders;

public class LadderDiagramTests
{
    [Fact]
    public void ToText_Baiyin() => Snapshot.Match(LadderDiagram.ToText(BuiltInLadders.Baiyin));

    [Fact]
    public void ToMermaid_Default() => Snapshot.Match(LadderDiagram.ToMermaid(BuiltInLadders.Default));
}
