using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using Fengqiao.Sla.Internal;
using NodaTime;

namespace Fengqiao.Cases;

/// <summary>A folded case taken apart into plain state and put together again, for on-disk snapshots
/// (<see cref="Serialization.CaseSnapshotJson"/>).</summary>
public sealed partial class Case
{
    /// <summary>Takes the case apart: every field the fold holds, public or not, as plain state.</summary>
    internal SnapshotState ToSnapshotState() => new()
    {
        Id = Id,
        Registration = Registration,
        RegisteredAt = RegisteredAt,
        RegisteringUnit = RegisteringUnit,
        State = State,
        Version = Version,
        UpdatedAt = UpdatedAt,
        Cycle = Cycle,
        HandOffKey = HandOffKey,
        HandOffAcceptedAt = HandOffAcceptedAt,
        AssignedDeputies = AssignedDeputies,
        HeldBy = HeldBy,
        Post = Post,
        WrittenReports = WrittenReports,
        DeputyScores = DeputyScores,
        PendingReturn = PendingReturn,
        RelayLevel = RelayLevel,
        HoldingUnit = HoldingUnit,
        Worker = Worker,
        Reply = Reply,
        Ratings = Ratings,
        CurrentRating = CurrentRating,
        CurrentRatedBy = CurrentRatedBy,
        SupervisionCount = SupervisionCount,
        InstructionCount = InstructionCount,
        EscalationCount = EscalationCount,
        ReturnCount = ReturnCount,
        CallBackCount = CallBackCount,
        HasBeenOverdue = HasBeenOverdue,
        SuspendedFrom = SuspendedFrom,
        HandedOffFrom = HandedOffFrom,
        HandedOffTo = HandedOffTo,
        PendingExtension = PendingExtension,
        HasPendingExtension = HasPendingExtension,
        ExtensionCount = ExtensionCount,
        ExtensionTotal = ExtensionTotal,
        MergedInto = MergedInto,
        JoinedReports = JoinedReports,
        JoinedReportTimes = JoinedReportTimes,
        JoinedQueryCodeDigests = JoinedQueryCodeDigests,
        Supervisions = Supervisions,
        Summonses = Summonses,
        PolicyFailure = PolicyFailure,
        NextDueAt = NextDueAt,
        Clocks = [.. Clocks.Select(p => (p.Key, p.Value.History))],
        Recorded = [.. recorded.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Stage, p.Value.Warning))],
        Reprojected = [.. extras.Reprojected.OrderBy(p => p.Key).Select(p => p.Value)],
        ParkedRelayClocks = [.. extras.ParkedRelayClocks.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.History))],
    };

    /// <summary>Puts a case together from its plain state, on a calendar: the clocks are rebuilt from their transitions.</summary>
    /// <exception cref="ArgumentException">A clock's history does not make a clock (named by kind or level).</exception>
    /// <exception cref="InvalidOperationException">A clock's transitions do not fit its state.</exception>
    /// <exception cref="CalendarCoverageException">A clock needs a date the calendar does not cover.</exception>
    internal static Case FromSnapshotState(SnapshotState s, BusinessCalendar calendar)
    {
        IReadOnlyList<WarningThreshold>? thresholds = s.Registration.Sla.Thresholds.IsDefault ? null : s.Registration.Sla.Thresholds;
        var extras = new Extras
        {
            HandOffKey = s.HandOffKey,
            HandOffAcceptedAt = s.HandOffAcceptedAt,
            HandedOffFrom = s.HandedOffFrom,
            HandedOffTo = s.HandedOffTo,
            PendingReturn = s.PendingReturn,
            PendingExtension = s.PendingExtension,
            HasPendingExtension = s.HasPendingExtension,
            ExtensionCount = s.ExtensionCount,
            ExtensionTotal = s.ExtensionTotal,
            MergedInto = s.MergedInto,
            JoinedReports = s.JoinedReports,
            JoinedReportTimes = s.JoinedReportTimes,
            JoinedQueryCodeDigests = s.JoinedQueryCodeDigests,
            AssignedDeputies = s.AssignedDeputies,
            WrittenReports = s.WrittenReports,
            DeputyScores = s.DeputyScores,
            ParkedRelayClocks = s.ParkedRelayClocks.ToImmutableDictionary(
                p => p.Level, p => SlaClock.Restore(calendar, thresholds ?? [], p.History), StringComparer.Ordinal),
            Reprojected = s.Reprojected.ToImmutableDictionary(r => r.Clock),
            SuspendedFrom = s.SuspendedFrom,
            InstructionCount = s.InstructionCount,
            SupervisionCount = s.SupervisionCount,
            EscalationCount = s.EscalationCount,
            ReturnCount = s.ReturnCount,
            CallBackCount = s.CallBackCount,
            Supervisions = s.Supervisions,
            Summonses = s.Summonses,
            PolicyFailure = s.PolicyFailure,
            Post = s.Post,
        };
        var c = new Case(new Registered(s.Id, calendar, s.Registration, s.RegisteredAt, s.RegisteringUnit, thresholds), extras)
        {
            State = s.State,
            Version = s.Version,
            UpdatedAt = s.UpdatedAt,
            Cycle = s.Cycle,
            HeldBy = s.HeldBy,
            RelayLevel = s.RelayLevel,
            HoldingUnit = s.HoldingUnit,
            Worker = s.Worker,
            Reply = s.Reply,
            Ratings = s.Ratings,
            CurrentRating = s.CurrentRating,
            CurrentRatedBy = s.CurrentRatedBy,
            HasBeenOverdue = s.HasBeenOverdue,
            NextDueAt = s.NextDueAt,
        };
        foreach (var (kind, history) in s.Clocks)
        {
            if ((uint)kind >= (uint)c.clocks.Length || c.clocks[(int)kind] is not null)
            {
                throw new ArgumentException($"The {kind} clock is not a clock kind this version knows, or appears twice.", nameof(s));
            }

            c.clocks[(int)kind] = SlaClock.Restore(calendar, thresholds ?? [], history);
        }

        c.recorded = s.Recorded.ToImmutableDictionary(r => r.Kind, r => (r.Stage, r.Warning));
        return c;
    }

    /// <summary>The restoring constructor: what registration fixed and the rarely-changed part; the rest is set by <see cref="FromSnapshotState"/>.</summary>
    private Case(Registered fixedPart, Extras extras)
    {
        this.fixedPart = fixedPart;
        this.extras = extras;
    }

    /// <summary>Every field of a folded case as plain, settable state (the clocks as their transitions).</summary>
    internal sealed class SnapshotState
    {
        public CaseId Id { get; set; }

        public CaseRegistration Registration { get; set; } = null!;

        public Instant RegisteredAt { get; set; }

        public OrgUnitId RegisteringUnit { get; set; }

        public CaseState State { get; set; }

        public long Version { get; set; }

        public Instant UpdatedAt { get; set; }

        public int Cycle { get; set; } = 1;

        public string? HandOffKey { get; set; }

        public Instant? HandOffAcceptedAt { get; set; }

        public ImmutableArray<ActorId> AssignedDeputies { get; set; } = [];

        public ImmutableArray<OrgUnitId> HeldBy { get; set; } = [];

        public CasePost? Post { get; set; }

        public ImmutableArray<CaseWrittenReport> WrittenReports { get; set; } = [];

        public ImmutableArray<CaseDeputyScore> DeputyScores { get; set; } = [];

        public CaseHandOffReturn? PendingReturn { get; set; }

        public string? RelayLevel { get; set; }

        public OrgUnitId? HoldingUnit { get; set; }

        public ActorId? Worker { get; set; }

        public string? Reply { get; set; }

        public ImmutableArray<CaseRating> Ratings { get; set; } = [];

        public CaseRating CurrentRating { get; set; }

        public CaseActorKind? CurrentRatedBy { get; set; }

        public int SupervisionCount { get; set; }

        public int InstructionCount { get; set; }

        public int EscalationCount { get; set; }

        public int ReturnCount { get; set; }

        public int CallBackCount { get; set; }

        public bool HasBeenOverdue { get; set; }

        public CaseState? SuspendedFrom { get; set; }

        public CaseState? HandedOffFrom { get; set; }

        public OrgUnitId? HandedOffTo { get; set; }

        public TimeLimit? PendingExtension { get; set; }

        public bool HasPendingExtension { get; set; }

        public int ExtensionCount { get; set; }

        public Duration ExtensionTotal { get; set; }

        public CaseId? MergedInto { get; set; }

        public ImmutableArray<CaseReport> JoinedReports { get; set; } = [];

        public ImmutableArray<Instant> JoinedReportTimes { get; set; } = [];

        public ImmutableArray<QueryCodes.QueryCodeDigest> JoinedQueryCodeDigests { get; set; } = [];

        public ImmutableArray<CaseSupervision> Supervisions { get; set; } = [];

        public ImmutableArray<CaseSummons> Summonses { get; set; } = [];

        public CasePolicyFailure? PolicyFailure { get; set; }

        public Instant? NextDueAt { get; set; }

        public ImmutableArray<(CaseClockKind Kind, IReadOnlyList<ClockEvent> History)> Clocks { get; set; } = [];

        public ImmutableArray<(CaseClockKind Kind, SlaStage Stage, string? Warning)> Recorded { get; set; } = [];

        public ImmutableArray<CaseDeadlineReprojected> Reprojected { get; set; } = [];

        public ImmutableArray<(string Level, IReadOnlyList<ClockEvent> History)> ParkedRelayClocks { get; set; } = [];
    }
}
