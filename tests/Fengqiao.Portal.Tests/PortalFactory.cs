using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Portal.Tests;

// The portal in Development on a fresh SQLite file and Saybagh's profile; the hosted sweep is off (tests sweep through
// the Development clock endpoint, so nothing depends on wall-clock time).
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string database = Path.Combine(Path.GetTempPath(), $"fengqiao-portal-{Guid.NewGuid():N}.db");

    public CountyDesk County => Services.GetRequiredService<CountyDesk>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Fengqiao:Store", "Sqlite");
        builder.UseSetting("Fengqiao:Connection", database);
        builder.UseSetting("Fengqiao:RunSweep", "false");
        builder.UseSetting("Fengqiao:QueryCodeKey", Convert.ToBase64String("fengqiao-test-query-code-key-32b"u8));
    }

    // The worker of the unit the case is held by, as the desk sees them.
    public CaseActor WorkerOf(Case c)
    {
        var unit = c.HoldingUnit!.Value;
        return CaseActor.Staff(County.Tree.Get(unit).Members.First(m => m.Holds(MemberRole.Worker)).Id, unit);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }
}
