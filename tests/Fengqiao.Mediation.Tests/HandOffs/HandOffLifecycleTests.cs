using Fengqiao.Lifecycles;
using Fengqiao.Mediation.HandOffs;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.HandOffs;

public class HandOffLifecycleTests
{
    private static readonly LifecycleDescription<HandOffStatus, HandOffEventKind> Description = HandOff.LifecycleDescription;

    private static HandOff Sent(string key, HandOffPurpose purpose = HandOffPurpose.CourtPreFilingDiversion) =>
        HandOff.Send(Request(key, purpose, At(2025, 3, 3)), Calendar);

    [Fact]
    public void LifecycleDescription_Accept_LeadsFromSentToAcceptedOrConcludedAndClosedStatusesAreFinal()
    {
        var accept = Assert.Single(Description.Transitions, t => t.Trigger == HandOffEventKind.Accepted);

        Assert.Equal(HandOffStatus.Sent, Description.InitialState);
        Assert.Equal(HandOffStatus.Sent, accept.Source);
        Assert.True(accept.IsDynamic);
        Assert.Equal([HandOffStatus.Accepted, HandOffStatus.Concluded], accept.Destinations.Order());
        Assert.True(Description.States.Single(s => s.State == HandOffStatus.Declined).IsTerminal);
        Assert.True(Description.States.Single(s => s.State == HandOffStatus.Concluded).IsTerminal);
        Assert.Equal(
            [HandOffStatus.Sent, HandOffStatus.Accepted],
            Description.Transitions.Where(t => t.Trigger == HandOffEventKind.Extended).Select(t => t.Source).Order());
        Assert.Contains("Sent 移交", Description.ToMermaid(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HandOffPurpose.CourtPreFilingDiversion, HandOffStatus.Accepted)]
    [InlineData(HandOffPurpose.CourtReturnToFiling, HandOffStatus.Concluded)]
    [InlineData(HandOffPurpose.ProcuratorateReturn, HandOffStatus.Concluded)]
    public void Accept_KernelChoosesTheStatus_ConcludedOnlyForFlowsEndingOnAcceptance(HandOffPurpose purpose, HandOffStatus expected)
    {
        var accepted = Sent("K-" + purpose, purpose).Accept(At(2025, 3, 4), MediatorLi);

        Assert.Equal(expected, accepted.Status);
        Assert.Equal(expected == HandOffStatus.Concluded ? HandOffOutcome.Received : null, accepted.Outcome);
        Assert.Contains(Description.Transitions, t => t.Source == HandOffStatus.Sent && t.Destinations.Contains(accepted.Status));
    }

    [Fact]
    public void Answer_TheLifecycleDoesNotPermit_IsRefusedNamingHandOffStatusAndAnswer()
    {
        var sent = Sent("K-1");

        var early = Assert.Throws<HandOffRefusedException>(() => sent.Conclude(At(2025, 3, 4), MediatorLi, HandOffOutcome.Agreement));
        var accepted = sent.Accept(At(2025, 3, 4), MediatorLi);
        var twice = Assert.Throws<HandOffRefusedException>(() => accepted.Accept(At(2025, 3, 5), MediatorLi));
        var declined = Sent("K-2").Decline(At(2025, 3, 4), MediatorLi, "not ours");
        var closed = Assert.Throws<HandOffRefusedException>(() => declined.Extend(Sla.TimeLimit.CalendarDays(5), At(2025, 3, 5), MediatorLi, "consent"));

        Assert.Equal(HandOffRefusal.NotPermitted, early.Refusal);
        Assert.Equal(HandOffStatus.Sent, early.Status);
        Assert.Contains("'K-1' of case case-1 from court-yumen to committee-xinshi is sent", early.Message, StringComparison.Ordinal);
        Assert.Contains("the answer 'conclude' is refused: it is permitted only when accepted", early.Message, StringComparison.Ordinal);
        Assert.Equal(HandOffRefusal.NotPermitted, twice.Refusal);
        Assert.Contains("the answer 'accept' is refused: it is permitted only when sent", twice.Message, StringComparison.Ordinal);
        Assert.Equal(HandOffRefusal.AlreadyClosed, closed.Refusal);
        Assert.Contains("'extend'", closed.Message, StringComparison.Ordinal);
        Assert.Equal(HandOffStatus.Declined, closed.Status);
    }

    [Fact]
    public void Decline_DatedBeforeTheLastStepAndWithoutReason_IsRefusedAsOutOfOrderFirst()
    {
        var sent = Sent("K-3");

        var backwards = Assert.Throws<HandOffRefusedException>(() => sent.Decline(At(2025, 3, 2), MediatorLi, " "));
        var bare = Assert.Throws<HandOffRefusedException>(() => sent.Decline(At(2025, 3, 4), MediatorLi, " "));
        var received = Assert.Throws<HandOffRefusedException>(() =>
            sent.Accept(At(2025, 3, 4), MediatorLi).Conclude(At(2025, 3, 5), MediatorLi, HandOffOutcome.Received));

        Assert.Equal(HandOffRefusal.OutOfOrder, backwards.Refusal);
        Assert.Equal(HandOffRefusal.Incomplete, bare.Refusal);
        Assert.Contains("a decline needs a reason", bare.Message, StringComparison.Ordinal);
        Assert.Equal(HandOffRefusal.Incomplete, received.Refusal);
        Assert.Contains("Received is not an outcome an answer may report", received.Message, StringComparison.Ordinal);
    }
}
