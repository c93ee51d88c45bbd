using Fengqiao.Cases.QueryCodes;
using Fengqiao.Testing;

namespace Fengqiao.Cases.Tests.QueryCodes;

public class QueryCodeDigestTests
{
    private static readonly QueryCode Code = FengqiaoArbitraries.SeededQueryCodes(11).Next();

    [Fact]
    public void Digest_SameCodeSameKey_IsTheSame_AnotherKeyOrCode_Differs()
    {
        var key = new QueryCodeKey("county-441900-query-code-key-32b"u8);
        var other = new QueryCodeKey("county-650103-query-code-key-32b"u8);

        var digest = key.Digest(Code);

        Assert.Equal(digest, key.Digest(QueryCode.Parse(Code.ToString().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal))));
        Assert.NotEqual(digest, other.Digest(Code));
        Assert.NotEqual(digest, key.Digest(FengqiaoArbitraries.SeededQueryCodes(12).Next()));
        Assert.Equal(QueryCodeDigest.TextLength, digest.ToString().Length);
        Assert.DoesNotContain(Code.ToString().Replace("-", "", StringComparison.Ordinal), digest.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ItsOwnText_RoundTripsInEitherCase()
    {
        var digest = BareCounty.QueryCodeKey.Digest(Code);

        Assert.Equal(digest, QueryCodeDigest.Parse(digest.ToString()));
        Assert.Equal(digest, QueryCodeDigest.Parse(digest.ToString().ToLowerInvariant()));
        Assert.Equal(digest.GetHashCode(), QueryCodeDigest.Parse(digest.ToString().ToLowerInvariant()).GetHashCode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("7KQ2M9-XW4HC1-ZP8D3R")]
    [InlineData("G000000000000000000000000000000000000000000000000000000000000000")]
    public void Parse_NotSixtyFourHexDigits_ThrowsWithoutRepeatingTheText(string text)
    {
        var e = Assert.Throws<FormatException>(() => QueryCodeDigest.Parse(text));

        Assert.False(QueryCodeDigest.TryParse(text, out _));
        Assert.Contains("64 hexadecimal digits", e.Message, StringComparison.Ordinal);
        if (text.Length > 0)
        {
            Assert.DoesNotContain(text, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Default_HoldsNoDigest_EqualsOnlyItself()
    {
        var digest = BareCounty.QueryCodeKey.Digest(Code);

        Assert.Equal(default(QueryCodeDigest), default);
        Assert.NotEqual(default, digest);
        Assert.Equal("", default(QueryCodeDigest).ToString());
        Assert.Throws<ArgumentException>(() => CaseActor.Citizen(default));
    }

    [Fact]
    public void Key_ShorterThanSixteenBytes_IsRefusedNamingTheMinimum_AndNeverPrintsItsBytes()
    {
        var e = Assert.Throws<ArgumentException>(() => new QueryCodeKey("short-key"u8));

        Assert.Contains($"at least {QueryCodeKey.MinimumLength} bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal($"QueryCodeKey({BareCounty.QueryCodeKey.Id}, 32 bytes)", BareCounty.QueryCodeKey.ToString());
    }

    [Fact]
    public void Id_SameBytesAndOtherBytes_IsStableAndTellsKeysApartWithoutRevealingThem()
    {
        var same = new QueryCodeKey(BareCounty.QueryCodeKeyBytes.Span);
        var other = new QueryCodeKey("another-test-query-code-key-32b!"u8);

        Assert.Equal(BareCounty.QueryCodeKey.Id, same.Id);
        Assert.NotEqual(BareCounty.QueryCodeKey.Id, other.Id);
        Assert.Matches("^[0-9a-f]{16}$", same.Id);
        Assert.DoesNotContain(Convert.ToHexString(BareCounty.QueryCodeKeyBytes.Span[..8]), same.Id, StringComparison.OrdinalIgnoreCase);
    }
}
