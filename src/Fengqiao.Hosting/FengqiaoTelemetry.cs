using System.Diagnostics;
using System.Diagnostics.Metrics;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Microsoft.Extensions.Logging;

namespace Fengqiao.Hosting;

/// <summary>
/// Fengqiao's metrics (the <see cref="Meter"/> named <see cref="Name"/>) and traces (the <see cref="ActivitySource"/> of
/// the same name), fed by the desk's event stream, by <see cref="TraceAsync{T}"/> around each desk action and by the sweep.
/// </summary>
/// <remarks>
/// Instruments: <c>fengqiao.cases.registered</c>, <c>fengqiao.cases.closed</c>, <c>fengqiao.escalations</c>,
/// <c>fengqiao.refusals</c> (counters), <c>fengqiao.cases.overdue</c> (gauge: the cases overdue at the last sweep — every case with a running clock past its deadline, counted through the store's listing)
/// and <c>fengqiao.sweep.duration</c> (histogram, milliseconds). Tags carry states, triggers and refusal kinds, never
/// personal data. Thread-safe. Registered as a singleton by <see cref="FengqiaoServiceCollectionExtensions.AddFengqiao"/>;
/// disposing it closes the meter and the source and stops listening to the desk.
/// </remarks>
public sealed class FengqiaoTelemetry : IDisposable
{
    /// <summary>The meter's and the activity source's name: <c>Fengqiao</c>.</summary>
    public const string Name = "Fengqiao";

    private readonly Counter<long> registered;
    private readonly Counter<long> closed;
    private readonly Counter<long> escalations;
    private readonly Counter<long> refusals;
    private readonly Histogram<double> sweepDuration;
    private readonly ILogger logger;
    private readonly IDisposable subscription;
    private int overdue;

    /// <summary>Creates the instruments and starts counting the desk's events.</summary>
    /// <param name="desk">The desk whose events are counted.</param>
    /// <param name="logger">Where refusals and actions are logged (ids and states only).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public FengqiaoTelemetry(CaseDesk desk, ILogger<FengqiaoTelemetry> logger)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(logger);
        this.logger = logger;
        Meter = new Meter(Name);
        ActivitySource = new ActivitySource(Name);
        registered = Meter.CreateCounter<long>("fengqiao.cases.registered", "{case}", "Cases registered");
        closed = Meter.CreateCounter<long>("fengqiao.cases.closed", "{case}", "Cases closed");
        escalations = Meter.CreateCounter<long>("fengqiao.escalations", "{case}", "Cases escalated to a higher level");
        refusals = Meter.CreateCounter<long>("fengqiao.refusals", "{action}", "Desk actions refused");
        sweepDuration = Meter.CreateHistogram<double>("fengqiao.sweep.duration", "ms", "Time one SLA sweep took");
        Meter.CreateObservableGauge("fengqiao.cases.overdue", () => Volatile.Read(ref overdue), "{case}", "Cases overdue at the last sweep");
        subscription = desk.Events.Subscribe(new EventCounter(this));
    }

    /// <summary>The meter named <see cref="Name"/>.</summary>
    public Meter Meter { get; }

    /// <summary>The activity source named <see cref="Name"/>: one span per desk action run through <see cref="TraceAsync{T}"/>.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>The number of cases overdue at the last sweep (the gauge's value).</summary>
    public int Overdue => Volatile.Read(ref overdue);

    /// <summary>
    /// Runs one desk action inside a span named <c>fengqiao.&lt;action&gt;</c>, logging its outcome and counting a refusal.
    /// </summary>
    /// <param name="action">The action's name, for example <c>claim</c>.</param>
    /// <param name="caseId">The case acted on, or <see langword="null"/> for a registration.</param>
    /// <param name="run">The action.</param>
    /// <returns>The case after the action.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> or <paramref name="run"/> is null.</exception>
    /// <remarks>Every exception of <paramref name="run"/> propagates unchanged; the span records it as an error.</remarks>
    public async Task<Case> TraceAsync<T>(string action, CaseId? caseId, Func<Task<T>> run)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(run);
        using var activity = ActivitySource.StartActivity("fengqiao." + action);
        activity?.SetTag("fengqiao.action", action);
        if (caseId is { } id)
        {
            activity?.SetTag("fengqiao.case_id", id.Value);
        }

        try
        {
            var result = await run().ConfigureAwait(false);
            var after = result switch
            {
                Case c => c,
                CaseRegistrationResult r => r.Case,
                _ => throw new InvalidOperationException($"The action {action} returned {typeof(T).Name}, not a case."),
            };
            activity?.SetTag("fengqiao.state", after.State.ToString());
            if (result is CaseRegistrationResult registration)
            {
                Log.Registered(logger, after.Id.Value, registration.JoinedExisting);
            }
            else
            {
                Log.ActionDone(logger, after.Id.Value, action, after.State);
            }

            return after;
        }
        catch (CaseActionRefusedException refused)
        {
            refusals.Add(1, new KeyValuePair<string, object?>("kind", refused.Kind.ToString()), new KeyValuePair<string, object?>("trigger", refused.Trigger.ToString()));
            activity?.SetStatus(ActivityStatusCode.Error, refused.Kind.ToString());
            Log.ActionRefused(logger, refused.CaseId.Value, action, refused.Kind, refused.State);
            throw;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    internal void RecordSweep(double milliseconds, int overdueCases)
    {
        sweepDuration.Record(milliseconds);
        Volatile.Write(ref overdue, overdueCases);
    }

    /// <summary>Stops counting the desk's events and closes the meter and the activity source. Idempotent.</summary>
    public void Dispose()
    {
        subscription.Dispose();
        Meter.Dispose();
        ActivitySource.Dispose();
    }

    private sealed class EventCounter(FengqiaoTelemetry owner) : IObserver<CaseEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(CaseEvent value)
        {
            switch (value.Payload)
            {
                case CaseRegistration:
                    owner.registered.Add(1);
                    break;
                case CaseClosed:
                    owner.closed.Add(1);
                    break;
                case CaseEscalated:
                    owner.escalations.Add(1);
                    break;
            }
        }
    }
}
