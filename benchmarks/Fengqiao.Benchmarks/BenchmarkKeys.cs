using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Benchmarks;

/// <summary>The query-code key every benchmark desk and seeded case uses (fixed and public: for measuring only).</summary>
internal static class BenchmarkKeys
{
    public static readonly QueryCodeKey QueryCodes = new("fengqiao-benchmark-query-code-k1"u8);
}
