using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases.Integrity;

namespace Fengqiao.Cases.Tests.Integrity;

/// <summary>The chain's allocation-free paths (issue 15, chain cost) keep the stored definitions: a link over the body's
/// UTF-8 bytes equals the link over its text, and the snapshot seal is still <c>Link(head, id, v, "snapshot " + HEX(SHA-256))</c>.</summary>
public class CaseEventChainBytesTests
{
    private static readonly CaseEventChain Keyed = new("fengqiao-test-chain-key-32-bytes"u8);

    public static TheoryData<string> Bodies() => new()
    {
        "",
        "{\"f\":4,\"k\":\"sv\",\"d\":{\"nt\":\"督办\"}}",
        new string('漏', 300),           // 900 UTF-8 bytes: past the stack buffer
        "a\U0001F600b" + new string('x', 511), // a surrogate pair at the stack limit's edge
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Link_TheTextsUtf8Bytes_EqualsTheLinkOfTheText(string body)
    {
        var previous = SHA256.HashData("previous"u8);
        foreach (var chain in new[] { CaseEventChain.Unkeyed, Keyed })
        {
            Assert.Equal(chain.Link(previous, "case-案-7", 9, body), chain.Link(previous, "case-案-7", 9, Encoding.UTF8.GetBytes(body)));
        }
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Link_AnyBody_IsTheHashOfTheDocumentedBytes(string body)
    {
        var version = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(version, 3);
        byte[] covered = [.. new byte[32], .. Encoding.UTF8.GetBytes("case-1"), 0, .. version, .. Encoding.UTF8.GetBytes(body)];

        Assert.Equal(SHA256.HashData(covered), CaseEventChain.Unkeyed.Link(CaseEventChain.Genesis, "case-1", 3, body));
        Assert.Equal(HMACSHA256.HashData("fengqiao-test-chain-key-32-bytes"u8.ToArray(), covered), Keyed.Link(CaseEventChain.Genesis, "case-1", 3, body));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(4000)]
    public void Seal_ASnapshot_IsTheLinkOfItsHexDigestAsWrittenSinceSchemaNine(int size)
    {
        var head = SHA256.HashData("head"u8);
        var snapshot = RandomNumberGenerator.GetBytes(size);
        foreach (var chain in new[] { CaseEventChain.Unkeyed, Keyed })
        {
            var asWritten = chain.Link(head, "case-2", 5, "snapshot " + Convert.ToHexString(SHA256.HashData(snapshot)));

            Assert.Equal(asWritten, chain.Seal(head, "case-2", 5, snapshot));
        }
    }

    [Fact]
    public void Seal_AHeadOfTheWrongLength_IsRefusedNamingTheLength()
    {
        var e = Assert.Throws<ArgumentException>(() => CaseEventChain.Unkeyed.Seal(new byte[31], "case-2", 5, [1, 2]));

        Assert.Contains("not 31", e.Message, StringComparison.Ordinal);
    }
}
