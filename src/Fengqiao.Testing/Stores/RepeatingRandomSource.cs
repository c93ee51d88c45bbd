using System.Security.Cryptography;

namespace Fengqiao.Testing;

/// <summary>A deliberately broken random source for the query-code collision checks: each value repeats <c>repeats</c> times.</summary>
internal sealed class RepeatingRandomSource(int repeats = int.MaxValue) : RandomNumberGenerator
{
    private int draws;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data) => data.Fill(unchecked((byte)((Interlocked.Increment(ref draws) - 1) / repeats)));
}
