namespace Fengqiao.Lifecycles;

/// <summary>
/// Declares a lifecycle — its states, their hierarchy, the triggers each permits, guards and actions — and builds
/// the immutable <see cref="Lifecycle{TState, TTrigger, TArgs}"/> that a portal shares for all its cases.
/// </summary>
/// <typeparam name="TState">The state type (usually an enum such as <c>CaseState</c>).</typeparam>
/// <typeparam name="TTrigger">The trigger type (usually an enum such as <c>CaseTrigger</c>).</typeparam>
/// <typeparam name="TArgs">
/// The one arguments type passed with every trigger: the actor, a snapshot of the case and the trigger's parameters.
/// Guards, destination selectors and actions read it; there are no per-arity overloads.
/// </typeparam>
/// <remarks>
/// <para>
/// Configure each state with <see cref="Configure"/>, then call <see cref="Build"/> once. Build checks the whole graph
/// and reports every mistake at once in a <see cref="LifecycleDefinitionException"/>: undeclared states,
/// unreachable states, dead ends, duplicate transitions and cycles in the hierarchy. The builder may be changed
/// and built again; a lifecycle already built is not affected.
/// </para>
/// </remarks>
/// <threadsafety>Not thread-safe: configure and build on one thread. The built lifecycle is thread-safe.</threadsafety>
public sealed class LifecycleBuilder<TState, TTrigger, TArgs>
    where TState : notnull
    where TTrigger : notnull
    where TArgs : notnull
{
    private readonly List<LifecycleStateBuilder<TState, TTrigger, TArgs>> states = [];
    private readonly Dictionary<TState, LifecycleStateBuilder<TState, TTrigger, TArgs>> byState = [];
    private readonly Dictionary<TTrigger, string> triggerLabels = [];
    private readonly List<TTrigger> labelledTriggers = [];

    /// <summary>Creates a builder whose cases start in <paramref name="initialState"/> (which is configured at once).</summary>
    /// <param name="initialState">The state of a new case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="initialState"/> is null.</exception>
    public LifecycleBuilder(TState initialState)
    {
        ArgumentNullException.ThrowIfNull(initialState);
        InitialState = initialState;
        Configure(initialState);
    }

    /// <summary>Gets the state a new case starts in; reachability is checked from it.</summary>
    public TState InitialState { get; }

    /// <summary>Gets the states configured so far, in configuration order.</summary>
    public IReadOnlyList<TState> States => states.ConvertAll(s => s.State);

    /// <summary>Declares <paramref name="state"/> (if new) and returns its configuration, to add to it.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The state's builder; configuring the same state again returns the same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> Configure(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!byState.TryGetValue(state, out var builder))
        {
            builder = new LifecycleStateBuilder<TState, TTrigger, TArgs>(state);
            byState.Add(state, builder);
            states.Add(builder);
        }

        return builder;
    }

    /// <summary>Removes <paramref name="state"/> and its configuration (to adjust a default lifecycle).</summary>
    /// <param name="state">The state to remove.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// Transitions of other states that still lead to it, and substates that still name it as their superstate, are
    /// reported by <see cref="Build"/> as undeclared states, so nothing is silently rewired. Removing a state that
    /// was never configured does nothing.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> is the initial state.</exception>
    public LifecycleBuilder<TState, TTrigger, TArgs> Remove(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (EqualityComparer<TState>.Default.Equals(state, InitialState))
        {
            throw new ArgumentException($"'{state}' is the initial state and cannot be removed.", nameof(state));
        }

        if (byState.Remove(state, out var builder))
        {
            states.Remove(builder);
        }

        return this;
    }

    /// <summary>Sets the label shown for a trigger in diagrams and descriptions, e.g. <c>Accept 受理</c>.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="label">The label; by default the trigger's name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trigger"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> is null, empty or white space.</exception>
    public LifecycleBuilder<TState, TTrigger, TArgs> LabelTrigger(TTrigger trigger, string label)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (!triggerLabels.ContainsKey(trigger))
        {
            labelledTriggers.Add(trigger);
        }

        triggerLabels[trigger] = label;
        return this;
    }

    /// <summary>Checks the definition and builds the immutable, thread-safe lifecycle.</summary>
    /// <returns>The lifecycle.</returns>
    /// <remarks>
    /// Firing in the result is a lookup in tables computed here: states and triggers are mapped to dense indexes,
    /// each (state, trigger) pair to its candidate transitions with superstate inheritance already resolved.
    /// </remarks>
    /// <exception cref="LifecycleDefinitionException">The definition has one or more mistakes; all are listed.</exception>
    public Lifecycle<TState, TTrigger, TArgs> Build()
    {
        var problems = new List<LifecycleDefinitionProblem>();
        var stateIndex = new DenseIndex<TState>(states.ConvertAll(s => s.State));
        var n = stateIndex.Count;

        // Hierarchy: parents, cycles cut so that the remaining checks terminate.
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = -1;
            var s = states[i];
            if (s.HasSuperstate)
            {
                if (stateIndex.TryGetIndex(s.Superstate!, out var p))
                {
                    parent[i] = p;
                }
                else
                {
                    problems.Add(new(LifecycleDefinitionProblemKind.UndeclaredState, s.State, null,
                        $"State '{s.State}' is a substate of '{s.Superstate}', which is not configured."));
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            var p = parent[i];
            for (var steps = 0; p >= 0; steps++)
            {
                if (p == i || steps > n)
                {
                    problems.Add(new(LifecycleDefinitionProblemKind.HierarchyCycle, states[i].State, null,
                        $"State '{states[i].State}' is, through its superstates, its own superstate."));
                    parent[i] = -1;
                    break;
                }

                p = parent[p];
            }
        }

        var chains = new int[n][];
        var children = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            children[i] = [];
        }

        for (var i = 0; i < n; i++)
        {
            var chain = new List<int> { i };
            for (var p = parent[i]; p >= 0 && !chain.Contains(p); p = parent[p])
            {
                chain.Add(p);
            }

            chains[i] = [.. chain];
            if (parent[i] >= 0)
            {
                children[parent[i]].Add(i);
            }
        }

        // Triggers: in order of first use.
        var triggerOrder = new List<TTrigger>();
        var seenTriggers = new HashSet<TTrigger>();
        foreach (var t in states.SelectMany(s => s.Transitions).Select(t => t.Trigger).Concat(labelledTriggers))
        {
            if (seenTriggers.Add(t))
            {
                triggerOrder.Add(t);
            }
        }

        var triggerIndex = new DenseIndex<TTrigger>(triggerOrder);
        var triggerCount = triggerIndex.Count;

        // Transitions: destinations declared, duplicates.
        var compiled = new List<CompiledTransition<TState, TTrigger, TArgs>>[n * triggerCount];
        var targeted = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var s = states[i];
            var reportedDuplicates = new HashSet<TTrigger>();
            for (var a = 0; a < s.Transitions.Count; a++)
            {
                var declaration = s.Transitions[a];
                var destinations = new List<int>();
                foreach (var d in declaration.Destinations)
                {
                    if (stateIndex.TryGetIndex(d, out var di))
                    {
                        destinations.Add(di);
                        targeted[di] = true;
                    }
                    else
                    {
                        problems.Add(new(LifecycleDefinitionProblemKind.UndeclaredState, s.State, declaration.Trigger,
                            $"Trigger '{declaration.Trigger}' in state '{s.State}' leads to '{d}', which is not configured."));
                    }
                }

                for (var b = 0; b < a; b++)
                {
                    var other = s.Transitions[b];
                    if (EqualityComparer<TTrigger>.Default.Equals(other.Trigger, declaration.Trigger)
                        && !Distinguished(other.Guards, declaration.Guards)
                        && reportedDuplicates.Add(declaration.Trigger))
                    {
                        problems.Add(new(LifecycleDefinitionProblemKind.DuplicateTransition, s.State, declaration.Trigger,
                            $"State '{s.State}' declares trigger '{declaration.Trigger}' more than once without guards that tell the transitions apart."));
                    }
                }

                triggerIndex.TryGetIndex(declaration.Trigger, out var ti);
                var slot = compiled[(i * triggerCount) + ti] ??= [];
                slot.Add(new()
                {
                    Kind = declaration.Kind,
                    Declaring = i,
                    Destination = declaration.Selector is null && declaration.Kind == TransitionKind.External && destinations.Count == 1 ? destinations[0] : -1,
                    PossibleDestinations = [.. destinations],
                    Selector = declaration.Selector,
                    Guards = declaration.Guards,
                    ActionDescription = declaration.ActionDescription,
                    Action = declaration.Action,
                });
            }
        }

        // The firing table: each (state, trigger) gets the candidates of the nearest state in its chain declaring it.
        var table = new CompiledTransition<TState, TTrigger, TArgs>[]?[n * triggerCount];
        var stateTriggers = new int[n][];
        for (var i = 0; i < n; i++)
        {
            var available = new List<int>();
            foreach (var level in chains[i])
            {
                foreach (var declaration in states[level].Transitions)
                {
                    triggerIndex.TryGetIndex(declaration.Trigger, out var ti);
                    if (table[(i * triggerCount) + ti] is null)
                    {
                        table[(i * triggerCount) + ti] = [.. compiled[(level * triggerCount) + ti]];
                        available.Add(ti);
                    }
                }
            }

            stateTriggers[i] = [.. available];
        }

        // Reachability from the initial state, through own and inherited transitions.
        stateIndex.TryGetIndex(InitialState, out var initial);
        var reachable = new bool[n];
        var queue = new Queue<int>();
        void Reach(int s)
        {
            foreach (var level in chains[s])
            {
                if (!reachable[level])
                {
                    reachable[level] = true;
                    queue.Enqueue(level);
                }
            }
        }

        Reach(initial);
        var occupied = new HashSet<int>();
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            if (!occupied.Add(s))
            {
                continue;
            }

            for (var ti = 0; ti < triggerCount; ti++)
            {
                foreach (var t in table[(s * triggerCount) + ti] ?? [])
                {
                    foreach (var d in t.PossibleDestinations)
                    {
                        if (!reachable[d])
                        {
                            Reach(d);
                        }
                        else if (!occupied.Contains(d))
                        {
                            queue.Enqueue(d);
                        }
                    }
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (!reachable[i])
            {
                problems.Add(new(LifecycleDefinitionProblemKind.UnreachableState, states[i].State, null,
                    $"State '{states[i].State}' cannot be reached from the initial state '{InitialState}'."));
            }
        }

        // Dead ends: a state a case can be in with no transition to another state, not marked terminal.
        for (var i = 0; i < n; i++)
        {
            var canBeOccupied = children[i].Count == 0 || i == initial || targeted[i];
            if (!canBeOccupied || states[i].IsTerminal)
            {
                continue;
            }

            var hasWayOut = false;
            foreach (var ti in stateTriggers[i])
            {
                foreach (var t in table[(i * triggerCount) + ti]!)
                {
                    hasWayOut |= t.Kind == TransitionKind.External && t.PossibleDestinations.Any(d => d != i);
                }
            }

            if (!hasWayOut)
            {
                problems.Add(new(LifecycleDefinitionProblemKind.DeadEnd, states[i].State, null,
                    $"State '{states[i].State}' has no way out and is not marked terminal."));
            }
        }

        if (problems.Count > 0)
        {
            var order = states.Select((s, i) => (s.State, i)).ToDictionary(x => x.State, x => x.i);
            throw new LifecycleDefinitionException(
                [.. problems.OrderBy(p => p.State is TState s && order.TryGetValue(s, out var i) ? i : int.MaxValue).ThenBy(p => p.Kind)]);
        }

        var compiledStates = new CompiledState<TState, TTrigger, TArgs>[n];
        for (var i = 0; i < n; i++)
        {
            var s = states[i];
            compiledStates[i] = new()
            {
                State = s.State,
                Chain = chains[i],
                Entry = [.. s.EntryActions.Select(a => a.Action)],
                EntryDescriptions = [.. s.EntryActions.Select(a => a.Description)],
                Exit = [.. s.ExitActions.Select(a => a.Action)],
                ExitDescriptions = [.. s.ExitActions.Select(a => a.Description)],
                Triggers = stateTriggers[i],
            };
        }

        var triggerLabelArray = triggerOrder.Select(t => triggerLabels.TryGetValue(t, out var l) ? l : t.ToString() ?? "").ToArray();
        var description = Describe(stateIndex, parent, children, initial, triggerIndex, triggerLabelArray);
        return new Lifecycle<TState, TTrigger, TArgs>(stateIndex, triggerIndex, compiledStates, table, triggerLabelArray, description);
    }

    private LifecycleDescription<TState, TTrigger> Describe(
        DenseIndex<TState> stateIndex, int[] parent, List<int>[] children, int initial, DenseIndex<TTrigger> triggerIndex, string[] triggerLabels)
    {
        var stateDescriptions = new List<LifecycleStateDescription<TState>>();
        var transitions = new List<LifecycleTransitionDescription<TState, TTrigger>>();
        for (var i = 0; i < states.Count; i++)
        {
            var s = states[i];
            var superstates = new List<TState>();
            for (var p = parent[i]; p >= 0; p = parent[p])
            {
                superstates.Add(stateIndex.Values[p]);
            }

            stateDescriptions.Add(new(
                s.State,
                s.StateLabel ?? s.State.ToString() ?? "",
                superstates.AsReadOnly(),
                children[i].ConvertAll(c => stateIndex.Values[c]).AsReadOnly(),
                i == initial,
                s.IsTerminal,
                s.EntryActions.ConvertAll(a => a.Description).AsReadOnly(),
                s.ExitActions.ConvertAll(a => a.Description).AsReadOnly()));
            foreach (var t in s.Transitions)
            {
                triggerIndex.TryGetIndex(t.Trigger, out var ti);
                var destinations = t.Kind == TransitionKind.External ? t.Destinations : [s.State];
                transitions.Add(new(
                    s.State,
                    t.Trigger,
                    triggerLabels[ti],
                    t.Kind,
                    Array.AsReadOnly(destinations),
                    t.Selector is not null,
                    Array.AsReadOnly(t.Guards.Select(g => g.Reason).ToArray()),
                    t.ActionDescription));
            }
        }

        return new(InitialState, stateDescriptions.AsReadOnly(), transitions.AsReadOnly());
    }

    private static bool Distinguished(LifecycleGuard<TArgs>[] a, LifecycleGuard<TArgs>[] b) =>
        a.Length > 0 && b.Length > 0 && !new HashSet<LifecycleGuard<TArgs>>(a, ReferenceEqualityComparer.Instance).SetEquals(b);
}
