using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace Fengqiao.Testing;

/// <content>Desk scripts.</content>
public static partial class FengqiaoArbitraries
{
    private static readonly Gen<DeskCall> DeskCallGen =
        from c in Gen.Choose(0, 9)
        from action in Gen.Choose(0, 99)
        from actor in Gen.Choose(0, 99)
        from target in Gen.Choose(0, 99)
        from minutes in Gen.Frequency((3, Gen.Choose(0, 60)), (2, Gen.Choose(60, 600)), (1, Gen.Choose(600, 1440)))
        select new DeskCall(c, action, actor, target, minutes);

    private static readonly Gen<DeskScript> DeskScriptGen =
        from reportCount in Gen.Choose(1, 3)
        from reports in Gen.Choose(0, 9999).ArrayOf(reportCount)
        from length in Gen.Choose(1, 40)
        from calls in DeskCallGen.ArrayOf(length)
        select new DeskScript([.. reports], [.. calls]);

    /// <summary>
    /// Desk scripts of one to three reports and 1–40 calls, most of them steered (when played by
    /// <see cref="DeskScriptRunner"/>) to an action the desk permits by an actor the county authorises, so that
    /// histories reach deep into the lifecycle, and some not, so that refusals are exercised too.
    /// </summary>
    /// <returns>The arbitrary; shrinks by dropping calls and reports, then by shortening waits and lowering picks.</returns>
    public static Arbitrary<DeskScript> DeskScripts() => Arb.From(DeskScriptGen, ShrinkScript);

    private static IEnumerable<DeskScript> ShrinkScript(DeskScript script)
    {
        var calls = script.Calls;
        for (var size = calls.Length / 2; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= calls.Length; start += size)
            {
                yield return script with { Calls = calls.RemoveRange(start, size) };
            }
        }

        if (script.Reports.Length > 1)
        {
            yield return script with { Reports = script.Reports.RemoveAt(script.Reports.Length - 1) };
        }

        for (var i = 0; i < calls.Length; i++)
        {
            var call = calls[i];
            if (call.Minutes > 0)
            {
                yield return script with { Calls = calls.SetItem(i, call with { Minutes = call.Minutes / 2 }) };
            }

            if (call.Actor >= 85 || call.Action >= 80)
            {
                yield return script with { Calls = calls.SetItem(i, call with { Actor = call.Actor % 85, Action = call.Action % 80 }) };
            }

            if (call.Case > 0)
            {
                yield return script with { Calls = calls.SetItem(i, call with { Case = 0 }) };
            }
        }
    }

}
