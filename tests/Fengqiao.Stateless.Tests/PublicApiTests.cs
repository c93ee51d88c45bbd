using System.Reflection;
using Fengqiao.TestSupport;

namespace Fengqiao.Stateless.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile()
    {
        ApiApproval.Verify(Assembly.Load("Fengqiao.Stateless"));
    }
}
