using System.Reflection;
using Fengqiao.TestSupport;

namespace Fengqiao.Storage.PostgreSql.Tests;

public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile()
    {
        ApiApproval.Verify(Assembly.Load("Fengqiao.Storage.PostgreSql"));
    }
}
