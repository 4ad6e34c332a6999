namespace Kring.Matching.Planning;

/// <summary>Tuning of <see cref="BatchPlanner"/>. The defaults plan a Netherlands-sized week in well under a minute.</summary>
public sealed record BatchPlannerOptions
{
    /// <summary>How many needs one repair may re-seat in a chain.</summary>
    public int MaxDepth { get; init; } = 10;

    /// <summary>How many volunteers one repair may try to free before giving up.</summary>
    public int SearchBudget { get; init; } = 300;

    /// <summary>Improvement rounds (repair, then repack); they stop early when a round fills nothing.</summary>
    public int MaxRounds { get; init; } = 10;

    /// <summary>Ruin-and-recreate steps per need that has a candidate, up to <see cref="MaxPerturbations"/>.</summary>
    public int PerturbationsPerNeed { get; init; } = 100;

    public int MaxPerturbations { get; init; } = 5_000;

    /// <summary>Seeds the ruin-and-recreate choices, so a plan is reproducible.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>
/// Maximises the number of filled needs in four phases, each keeping the plan feasible and never filling fewer:
/// <list type="number">
/// <item>Greedy, most constrained need first, each to the volunteer whose choice blocks the fewest unplaced needs.</item>
/// <item>Repair: for each unfilled need an ejection chain, an augmenting path generalised to overlap and hours.</item>
/// <item>Repack: each volunteer swaps their needs for a larger set among their own and the unfilled ones.</item>
/// <item>Ruin and recreate: free the needs of a few candidates of an unfilled need, place them all again with
/// some randomness and repair; keep the result unless it fills fewer. This finds the reshuffles across several
/// volunteers that the local moves cannot.</item>
/// </list>
/// </summary>
public sealed class BatchPlanner(BatchPlannerOptions? options = null) : IPlanner
{
    public BatchPlannerOptions Options { get; } = options ?? new BatchPlannerOptions();

    public IReadOnlyList<Assignment> Plan(CandidateGraph graph)
    {
        var state = new PlanState(graph);
        var fillable = Enumerable.Range(0, graph.Needs.Count).Where(n => graph.CandidatesOf(n).Length > 0).ToArray();
        var placer = new Placer(state);
        var order = (int[])fillable.Clone();
        Array.Sort(fillable.Select(n => graph.CandidatesOf(n).Length).ToArray(), order);
        placer.Place(order);
        state.Commit();

        var repair = new Repair(state, Options);
        var repack = new Repack(state);
        for (var round = 0; round < Options.MaxRounds; round++)
        {
            var filled = state.Filled;
            repair.Run();
            repack.Run();
            state.Commit();
            if (state.Filled == filled) break;
        }

        var steps = (int)Math.Min(Options.MaxPerturbations, (long)Options.PerturbationsPerNeed * fillable.Length);
        new RuinAndRecreate(state, placer, repair, new Random(Options.Seed), fillable).Run(steps);
        return state.ToAssignments();
    }

    /// <summary>Places needs in the given order, each with the volunteer whose choice blocks the fewest pending needs.</summary>
    private sealed class Placer(PlanState state)
    {
        private readonly int[] _pending = new int[state.Graph.Needs.Count];
        private int _round;

        public void Place(IReadOnlyList<int> needs)
        {
            _round++;
            foreach (var n in needs) _pending[n] = _round;
            foreach (var n in needs)
            {
                _pending[n] = 0;
                if (state.VolunteerOf(n) >= 0) continue;
                var best = -1;
                var bestDamage = int.MaxValue;
                foreach (var v in state.Graph.CandidatesOf(n))
                {
                    if (best >= 0 && bestDamage == 0 && state.Graph.NeedsOf(v).Length >= state.Graph.NeedsOf(best).Length) continue;
                    if (!state.CanTake(v, n)) continue;
                    var damage = Damage(v, n, bestDamage);
                    if (damage < bestDamage || (damage == bestDamage && state.Graph.NeedsOf(v).Length < state.Graph.NeedsOf(best).Length))
                    {
                        best = v;
                        bestDamage = damage;
                    }
                }
                if (best >= 0) state.Move(n, best);
            }
        }

        /// <summary>
        /// How many pending needs would lose <paramref name="v"/> as an option if it took <paramref name="n"/>;
        /// counting stops once past <paramref name="limit"/>, as the candidate has lost by then.
        /// </summary>
        private int Damage(int v, int n, int limit)
        {
            var limited = state.IsLimited(v);
            var spare = limited ? state.SpareHours(v, n) - state.Hours(n) : 0;
            var week = limited ? state.WeekOf(n, v) : 0;
            var damage = 0;
            foreach (var m in state.Graph.NeedsOf(v))
            {
                if (_pending[m] != _round) continue;
                if ((state.Overlap(m, n) || (limited && state.Hours(m) > spare && state.WeekOf(m, v) == week)) && ++damage > limit) break;
            }
            return damage;
        }
    }

    private sealed class Repair(PlanState state, BatchPlannerOptions options)
    {
        private readonly int[] _volunteerSeen = new int[state.Graph.Volunteers.Count];
        private readonly int[] _needLocked = new int[state.Graph.Needs.Count];
        private int _epoch; // volunteers seen in a failed search stay seen until some search succeeds
        private int _search;
        private int _budget;

        /// <summary>One pass over the unfilled needs.</summary>
        public void Run()
        {
            _epoch++;
            for (var n = 0; n < state.Graph.Needs.Count; n++)
            {
                if (state.VolunteerOf(n) >= 0 || state.Graph.CandidatesOf(n).Length == 0) continue;
                if (Search(n, options.SearchBudget)) _epoch++;
            }
        }

        /// <summary>Tries to place one unfilled need with a fresh search.</summary>
        public bool TryInsert(int need, int budget)
        {
            _epoch++;
            return Search(need, budget);
        }

        private bool Search(int need, int budget)
        {
            _search++;
            _budget = budget;
            return Insert(need, options.MaxDepth);
        }

        /// <summary>Places the unassigned <paramref name="need"/>, re-seating others as needed; on failure nothing changes.</summary>
        private bool Insert(int need, int depth)
        {
            _needLocked[need] = _search;
            var candidates = state.Graph.CandidatesOf(need);
            foreach (var v in candidates)
            {
                if (!state.CanTake(v, need)) continue;
                state.Move(need, v);
                return true;
            }
            if (depth == 0) return false;
            foreach (var v in candidates)
            {
                if (_volunteerSeen[v] == _epoch) continue;
                _volunteerSeen[v] = _epoch;
                if (--_budget < 0) return false;
                if (!FindEvictions(v, need, out var first, out var second)) continue;
                var mark = state.Mark;
                state.Move(first, -1);
                if (second >= 0) state.Move(second, -1);
                state.Move(need, v);
                if (Insert(first, depth - 1) && (second < 0 || Insert(second, depth - 1))) return true;
                state.Rollback(mark);
            }
            return false;
        }

        /// <summary>The one or two assigned needs whose removal lets <paramref name="v"/> take <paramref name="need"/>.</summary>
        private bool FindEvictions(int v, int need, out int first, out int second)
        {
            first = second = -1;
            for (var q = state.First(v); q >= 0; q = state.Next(q))
            {
                if (!state.Overlap(q, need)) continue;
                if (_needLocked[q] == _search || second >= 0) return false;
                if (first < 0) first = q;
                else second = q;
            }
            if (!state.IsLimited(v)) return first >= 0;
            var deficit = state.Hours(need) - state.SpareHours(v, need, first, second);
            if (deficit <= 0) return first >= 0;
            if (second >= 0) return false;
            var week = state.WeekOf(need, v);
            var pick = -1;
            for (var q = state.First(v); q >= 0; q = state.Next(q))
            {
                if (q == first || _needLocked[q] == _search || state.Hours(q) < deficit || state.WeekOf(q, v) != week) continue;
                if (pick < 0 || state.Hours(q) < state.Hours(pick)) pick = q;
            }
            if (pick < 0) return false;
            if (first < 0) first = pick;
            else second = pick;
            return true;
        }
    }

    private sealed class RuinAndRecreate(PlanState state, Placer placer, Repair repair, Random random, int[] fillable)
    {
        private const int RuinedVolunteers = 4;
        private const int ExtrasPerVolunteer = 8; // unfilled needs of a ruined volunteer offered back in the pool
        private const int InsertBudget = 30;

        private readonly int[] _inPool = new int[state.Graph.Needs.Count];
        private readonly List<int> _pool = [];
        private readonly List<int> _extras = [];
        private int _step;

        public void Run(int steps)
        {
            for (_step = 1; _step <= steps && state.Filled < fillable.Length; _step++)
            {
                var seed = PickUnfilled();
                if (seed < 0) return;
                var before = state.Filled;
                var mark = state.Mark;
                Ruin(seed);
                var keys = _pool.Select(n => state.Graph.CandidatesOf(n).Length + 2 * random.NextDouble()).ToArray();
                var order = _pool.ToArray();
                Array.Sort(keys, order);
                placer.Place(order);
                foreach (var n in order)
                {
                    if (state.VolunteerOf(n) < 0) repair.TryInsert(n, InsertBudget);
                }
                if (state.Filled < before) state.Rollback(mark);
                state.Commit();
            }
        }

        private int PickUnfilled()
        {
            for (var tries = 0; tries < 1000; tries++)
            {
                var n = fillable[random.Next(fillable.Length)];
                if (state.VolunteerOf(n) < 0) return n;
            }
            return -1;
        }

        /// <summary>Frees the seed's week of up to four of its candidates and gathers the pool to place again.</summary>
        private void Ruin(int seed)
        {
            _pool.Clear();
            AddToPool(seed);
            var candidates = state.Graph.CandidatesOf(seed).ToArray();
            random.Shuffle(candidates);
            foreach (var v in candidates.Take(RuinedVolunteers))
            {
                var week = state.WeekOf(seed, v);
                for (var q = state.First(v); q >= 0;)
                {
                    var next = state.Next(q);
                    if (state.WeekOf(q, v) == week)
                    {
                        state.Move(q, -1);
                        AddToPool(q);
                    }
                    q = next;
                }
                _extras.Clear();
                foreach (var m in state.Graph.NeedsOf(v))
                {
                    if (state.VolunteerOf(m) < 0 && _inPool[m] != _step) _extras.Add(m);
                }
                for (var i = 0; i < ExtrasPerVolunteer && _extras.Count > 0; i++)
                {
                    var at = random.Next(_extras.Count);
                    AddToPool(_extras[at]);
                    _extras[at] = _extras[^1];
                    _extras.RemoveAt(_extras.Count - 1);
                }
            }
        }

        private void AddToPool(int need)
        {
            if (_inPool[need] == _step) return;
            _inPool[need] = _step;
            _pool.Add(need);
        }
    }
}
