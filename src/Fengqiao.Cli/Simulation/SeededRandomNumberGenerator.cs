using System.Security.Cryptography;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// A repeatable byte source so a simulation's query codes are the same for the same seed. For simulations only:
/// real portals use <see cref="Fengqiao.Cases.QueryCodes.QueryCodeGenerator"/>'s cryptographic default.
/// </summary>
internal sealed class SeededRandomNumberGenerator(int seed) : RandomNumberGenerator
{
    private readonly Random random = new(unchecked(seed * 7919 + 17));

    public override void GetBytes(byte[] data) => random.NextBytes(data);

    public override void GetBytes(Span<byte> data) => random.NextBytes(data);

    public override void GetNonZeroBytes(byte[] data)
    {
        random.NextBytes(data);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = data[i] == 0 ? (byte)1 : data[i];
        }
    }
}
