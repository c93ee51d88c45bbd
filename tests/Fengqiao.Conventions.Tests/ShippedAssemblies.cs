using System.Reflection;

namespace Fengqiao.Conventions.Tests;

/// <summary>The assemblies of the library packages we ship.</summary>
internal static class ShippedAssemblies
{
    public static readonly string[] Names =
        ["Fengqiao.Core", "Fengqiao.Sla", "Fengqiao.Cases", "Fengqiao.Rules", "Fengqiao.Escalation", "Fengqiao.Mediation", "Fengqiao.Profiles", "Fengqiao.Storage.Sqlite", "Fengqiao.Testing", "Fengqiao.Storage.PostgreSql", "Fengqiao.Hosting", "Fengqiao.EarlyWarning", "Fengqiao.Stateless"];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    public static Assembly Load(string name) => Assembly.Load(name);
}
