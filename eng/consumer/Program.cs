// The consumer proof's program: calls one public method of each library package, as a customer would.
using System.Reflection;

foreach (var name in new[] { "Fengqiao.Sla", "Fengqiao.Cases", "Fengqiao.Rules", "Fengqiao.Escalation", "Fengqiao.Mediation" })
{
    Console.WriteLine($"{name} {Assembly.Load(name).GetName().Version}");
}
