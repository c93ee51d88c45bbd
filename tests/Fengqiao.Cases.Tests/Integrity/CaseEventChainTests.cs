using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases.Integrity;

namespace Fengqiao.Cases.Tests.Integrity;

public class CaseEventChainTests
{
    private const string Id = "case-7";
    private static readonly string[] Bodies = ["{\"kind\":\"registered\"}", "{\"kind\":\"dispatched\"}", "{\"kind\":\"claimed\"}"];

    /// <summary>The bytes one link covers, laid out by hand from the documented format (not by the code under test).</summary>
    private static byte[] Covered(ReadOnlySpan<byte> previous, string id, long version, string body)
    {
        var versionBytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(versionBytes, version);
        return [.. previous, .. Encoding.UTF8.GetBytes(id), 0, .. versionBytes, .. Encoding.UTF8.GetBytes(body)];
    }

    private static (List<StoredCaseEvent> Events, byte[] Head) History(CaseEventChain chain, int count = 3)
    {
        var events = new List<StoredCaseEvent>();
        var link = CaseEventChain.Genesis.ToArray();
        for (var v = 1; v <= count; v++)
        {
            link = chain.Link(link, Id, v, Bodies[v - 1]);
            events.Add(new StoredCaseEvent(v, Bodies[v - 1], link));
        }

        return (events, link);
    }

    [Fact]
    public void Link_Unkeyed_IsSha256OfPreviousIdZeroBigEndianVersionAndBody()
    {
        var first = CaseEventChain.Unkeyed.Link(CaseEventChain.Genesis, Id, 1, Bodies[0]);
        var second = CaseEventChain.Unkeyed.Link(first, Id, 2, Bodies[1]);

        Assert.Equal(SHA256.HashData(Covered(new byte[32], Id, 1, Bodies[0])), first);
        Assert.Equal(SHA256.HashData(Covered(first, Id, 2, Bodies[1])), second);
        Assert.False(CaseEventChain.Unkeyed.IsKeyed);
    }

    [Fact]
    public void Link_Keyed_IsHmacSha256UnderTheKeyAndTheKeyIsCopied()
    {
        var key = "county-441900"u8.ToArray();
        var chain = new CaseEventChain(key);
        key[0] ^= 0xFF;

        var link = chain.Link(CaseEventChain.Genesis, Id, 1, Bodies[0]);

        Assert.True(chain.IsKeyed);
        Assert.Equal(HMACSHA256.HashData("county-441900"u8.ToArray(), Covered(new byte[32], Id, 1, Bodies[0])), link);
        Assert.NotEqual(CaseEventChain.Unkeyed.Link(CaseEventChain.Genesis, Id, 1, Bodies[0]), link);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Link_PreviousNotALink_ThrowsArgumentExceptionNamingTheLength(int length)
    {
        var e = Assert.Throws<ArgumentException>(() => CaseEventChain.Unkeyed.Link(new byte[length], Id, 1, Bodies[0]));

        Assert.Equal("previous", e.ParamName);
        Assert.Contains($"not {length}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Genesis_IsThirtyTwoZeroBytes()
    {
        Assert.Equal(new byte[CaseEventChain.LinkLength], CaseEventChain.Genesis.ToArray());
    }

    [Fact]
    public void Verify_IntactHistory_ReturnsNull()
    {
        var chain = new CaseEventChain("k"u8);
        var (events, head) = History(chain);

        Assert.Null(chain.Verify(Id, events, head, 3));
    }

    [Fact]
    public void Verify_EmptyHistory_HoldsOnlyWithGenesisHeadAndVersionZero()
    {
        Assert.Null(CaseEventChain.Unkeyed.Verify(Id, [], CaseEventChain.Genesis, 0));
        Assert.Equal(CaseEventChainBreakKind.Truncated, CaseEventChain.Unkeyed.Verify(Id, [], [], 0)?.Kind);
        Assert.Equal(CaseEventChainBreakKind.VersionMismatch, CaseEventChain.Unkeyed.Verify(Id, [], CaseEventChain.Genesis, 2)?.Kind);
    }

    [Fact]
    public void Verify_EditedBody_ReportsEditedAtThatVersionWithoutQuotingContent()
    {
        var (events, head) = History(CaseEventChain.Unkeyed);
        events[1] = events[1] with { Body = "{\"kind\":\"dispatched\",\"secret\":\"13800000000\"}" };

        var broken = CaseEventChain.Unkeyed.Verify(Id, events, head, 3);

        Assert.Equal((2L, CaseEventChainBreakKind.Edited), (broken?.Version, broken?.Kind));
        Assert.DoesNotContain("13800000000", broken!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MiddleEventMissing_ReportsMissingEventAtTheGap()
    {
        var (events, head) = History(CaseEventChain.Unkeyed);
        events.RemoveAt(1);

        var broken = CaseEventChain.Unkeyed.Verify(Id, events, head, 3);

        Assert.Equal((2L, CaseEventChainBreakKind.MissingEvent), (broken?.Version, broken?.Kind));
        Assert.Equal("event 2 is missing (the next stored event is version 3)", broken?.Description);
    }

    [Fact]
    public void Verify_EventWithoutLink_ReportsUnlinked()
    {
        var (events, head) = History(CaseEventChain.Unkeyed);
        events[2] = events[2] with { Link = ReadOnlyMemory<byte>.Empty };

        Assert.Equal((3L, CaseEventChainBreakKind.Unlinked), (CaseEventChain.Unkeyed.Verify(Id, events, head, 3)?.Version, CaseEventChain.Unkeyed.Verify(Id, events, head, 3)?.Kind));
    }

    [Fact]
    public void Verify_LastEventDeletedWithItsRow_ReportsTruncatedPastTheLastStoredEvent()
    {
        var (events, head) = History(CaseEventChain.Unkeyed);
        events.RemoveAt(2);

        var broken = CaseEventChain.Unkeyed.Verify(Id, events, head, 2);

        Assert.Equal((3L, CaseEventChainBreakKind.Truncated), (broken?.Version, broken?.Kind));
    }

    [Fact]
    public void Verify_RecordedVersionDiffers_ReportsVersionMismatch()
    {
        var (events, head) = History(CaseEventChain.Unkeyed);

        var broken = CaseEventChain.Unkeyed.Verify(Id, events, head, 5);

        Assert.Equal((4L, CaseEventChainBreakKind.VersionMismatch), (broken?.Version, broken?.Kind));
        Assert.Equal("the case row says version 5 but its events end at version 3", broken?.Description);
    }

    [Fact]
    public void Verify_UnderAnotherKeyOrAnotherCaseId_ReportsEditedAtTheFirstEvent()
    {
        var (events, head) = History(new CaseEventChain("county-a"u8));

        Assert.Equal((1L, CaseEventChainBreakKind.Edited), (new CaseEventChain("county-b"u8).Verify(Id, events, head, 3)?.Version, new CaseEventChain("county-b"u8).Verify(Id, events, head, 3)?.Kind));
        Assert.Equal(CaseEventChainBreakKind.Edited, new CaseEventChain("county-a"u8).Verify("case-8", events, head, 3)?.Kind);
    }
}
