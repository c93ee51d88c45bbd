namespace Fengqiao.Testing;

/// <summary>When a <see cref="FaultyCaseStore"/> injects a fault: on chosen calls of one operation, or at random with a seed.</summary>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class CaseStoreFaultRule
{
    private readonly Func<int, Random?, bool> applies;

    private CaseStoreFaultRule(CaseStoreOperation operation, CaseStoreFault fault, string when, Func<int, Random?, bool> applies, int? seed)
    {
        Operation = operation;
        Fault = fault;
        When = when;
        this.applies = applies;
        Seed = seed;
    }

    /// <summary>Gets the operation the rule watches.</summary>
    public CaseStoreOperation Operation { get; }

    /// <summary>Gets the fault it injects.</summary>
    public CaseStoreFault Fault { get; }

    /// <summary>Gets when it applies, as text (for failure messages).</summary>
    public string When { get; }

    /// <summary>Gets the seed of a random rule, or <see langword="null"/>.</summary>
    public int? Seed { get; }

    /// <summary>Injects the fault on the given calls of the operation, counted from 1 per store.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="calls">The call numbers (1 is the first call).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> or <paramref name="calls"/> is null.</exception>
    /// <exception cref="ArgumentException">No call numbers, or one below 1.</exception>
    public static CaseStoreFaultRule OnCalls(CaseStoreOperation operation, CaseStoreFault fault, params int[] calls)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Length == 0 || calls.Any(c => c < 1))
        {
            throw new ArgumentException("Give at least one call number, each 1 or more.", nameof(calls));
        }

        var set = calls.ToHashSet();
        return new(operation, fault, $"on {operation} call {string.Join(", ", calls)}", (n, _) => set.Contains(n), null);
    }

    /// <summary>Injects the fault on every call of the operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
    public static CaseStoreFaultRule Always(CaseStoreOperation operation, CaseStoreFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return new(operation, fault, $"on every {operation}", (_, _) => true, null);
    }

    /// <summary>Injects the fault at random on calls of the operation, repeatably for a seed.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="probability">The chance per call, from 0 to 1.</param>
    /// <param name="seed">The seed; with the same calls in the same order the same calls fail.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside 0..1.</exception>
    public static CaseStoreFaultRule Randomly(CaseStoreOperation operation, CaseStoreFault fault, double probability, int seed)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (probability is < 0 or > 1 || double.IsNaN(probability))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability lies between 0 and 1.");
        }

#pragma warning disable CA5394 // Seeded on purpose: a failing run must replay.
        return new(operation, fault, $"at random on {operation} (p={probability}, seed={seed})", (_, r) => r!.NextDouble() < probability, seed);
#pragma warning restore CA5394
    }

    internal bool Applies(int call, Random? random) => applies(call, random);
}
