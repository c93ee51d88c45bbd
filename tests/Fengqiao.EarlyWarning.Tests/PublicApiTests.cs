using System.Reflection;
using Fengqiao.TestSupport;

namespace Fengqiao.EarlyWarning.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile()
    {
        ApiApproval.Verify(Assembly.Load("Fengqiao.EarlyWarning"));
    }
}
