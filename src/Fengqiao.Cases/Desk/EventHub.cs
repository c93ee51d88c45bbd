using System.Collections.Immutable;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Fengqiao.Cases.Events;

namespace Fengqiao.Cases.Desk;

/// <summary>Delivers accepted events to subscribers; a subscriber that throws is dropped and never disturbs the desk.</summary>
internal sealed class EventHub
{
    private readonly Action<Exception>? onError;
    private ImmutableList<IObserver<CaseEvent>> observers = ImmutableList<IObserver<CaseEvent>>.Empty;

    public EventHub(Action<Exception>? onError)
    {
        this.onError = onError;
        Events = Observable.Create<CaseEvent>(observer =>
        {
            ImmutableInterlocked.Update(ref observers, static (list, o) => list.Add(o), observer);
            return Disposable.Create(() => Remove(observer));
        });
    }

    public IObservable<CaseEvent> Events { get; }

    public void Publish(IReadOnlyList<CaseEvent> events)
    {
        foreach (var e in events)
        {
            foreach (var observer in Volatile.Read(ref observers))
            {
                try
                {
                    observer.OnNext(e);
                }
#pragma warning disable CA1031 // A subscriber's bug must not corrupt the desk: report it and drop the subscriber.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Remove(observer);
                    try
                    {
                        onError?.Invoke(ex);
                    }
#pragma warning disable CA1031
                    catch (Exception)
#pragma warning restore CA1031
                    {
                        // The error callback failed too; nothing more can be done without disturbing the desk.
                    }
                }
            }
        }
    }

    private void Remove(IObserver<CaseEvent> observer) =>
        ImmutableInterlocked.Update(ref observers, static (list, o) => list.Remove(o), observer);
}
