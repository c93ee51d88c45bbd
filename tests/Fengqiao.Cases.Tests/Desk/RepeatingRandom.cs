using System.Security.Cryptography;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>A deliberately broken random source: it repeats the same bytes <paramref name="repeats"/> times per value,
/// then moves on (<see cref="int.MaxValue"/>: forever constant). For query-code collision tests only.</summary>
internal sealed class RepeatingRandom(int repeats = int.MaxValue) : RandomNumberGenerator
{
    private int draws;

    public int Draws => draws;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        var value = (byte)(draws++ / repeats);
        data.Fill(value);
    }
}
