using Kring.Matching.Planning;

namespace Kring.Matching.Baselines;

/// <summary>Dinic's maximum flow with integer capacities; the path search is iterative so long paths cannot overflow the stack.</summary>
internal sealed class MaxFlow
{
    private readonly List<int> _from = [];
    private readonly List<int> _to = [];
    private readonly List<int> _capacity = [];

    public int NodeCount { get; private set; }

    public int AddNode() => NodeCount++;

    public void AddEdge(int from, int to, int capacity)
    {
        _from.Add(from); _to.Add(to); _capacity.Add(capacity);
        _from.Add(to); _to.Add(from); _capacity.Add(0);
    }

    public long Run(int source, int sink)
    {
        var residual = new Residual(NodeCount, _from, _to.ToArray(), _capacity.ToArray());
        long flow = 0;
        while (residual.Levels(source, sink)) flow += residual.BlockingFlow(source, sink);
        return flow;
    }

    /// <summary>The residual network of one run, with the scratch arrays of its phases.</summary>
    private sealed class Residual
    {
        private readonly int _nodes;
        private readonly int[] _offsets;
        private readonly int[] _adjacency;
        private readonly int[] _to;
        private readonly int[] _capacity;
        private readonly int[] _level;
        private readonly int[] _cursor;
        private readonly int[] _queue;
        private readonly int[] _path;

        public Residual(int nodes, List<int> from, int[] to, int[] capacity)
        {
            // Adjacency in compressed form; edge e and its reverse are e and e ^ 1 in the original numbering.
            _nodes = nodes;
            _offsets = new int[nodes + 1];
            foreach (var f in from) _offsets[f + 1]++;
            for (var i = 0; i < nodes; i++) _offsets[i + 1] += _offsets[i];
            var slot = _offsets[..^1];
            _adjacency = new int[from.Count];
            for (var e = 0; e < from.Count; e++) _adjacency[slot[from[e]]++] = e;
            _to = to;
            _capacity = capacity;
            _level = new int[nodes];
            _cursor = new int[nodes];
            _queue = new int[nodes];
            _path = new int[nodes];
        }

        /// <summary>Levels the nodes by breadth-first distance from the source; false when the sink cannot be reached.</summary>
        public bool Levels(int source, int sink)
        {
            Array.Fill(_level, -1);
            _level[source] = 0;
            int head = 0, tail = 0;
            _queue[tail++] = source;
            while (head < tail)
            {
                var u = _queue[head++];
                for (var i = _offsets[u]; i < _offsets[u + 1]; i++)
                {
                    var e = _adjacency[i];
                    if (_capacity[e] > 0 && _level[_to[e]] < 0)
                    {
                        _level[_to[e]] = _level[u] + 1;
                        _queue[tail++] = _to[e];
                    }
                }
            }
            return _level[sink] >= 0;
        }

        /// <summary>Pushes flow along level-increasing paths until none is left in this phase.</summary>
        public long BlockingFlow(int source, int sink)
        {
            Array.Copy(_offsets, _cursor, _nodes);
            long flow = 0;
            var depth = 0;
            var node = source;
            while (true)
            {
                if (node == sink)
                {
                    flow += Augment(ref depth);
                    node = depth == 0 ? source : _to[_path[depth - 1]];
                    continue;
                }
                if (Advance(ref node, ref depth)) continue;
                if (node == source) return flow;
                _level[node] = -1; // dead end for this phase
                node = --depth == 0 ? source : _to[_path[depth - 1]];
                _cursor[node]++;
            }
        }

        /// <summary>Pushes the path's bottleneck and backs up to just before its first saturated edge.</summary>
        private int Augment(ref int depth)
        {
            var push = int.MaxValue;
            for (var i = 0; i < depth; i++) push = Math.Min(push, _capacity[_path[i]]);
            var cut = -1;
            for (var i = 0; i < depth; i++)
            {
                _capacity[_path[i]] -= push;
                _capacity[_path[i] ^ 1] += push;
                if (cut < 0 && _capacity[_path[i]] == 0) cut = i;
            }
            depth = cut;
            return push;
        }

        private bool Advance(ref int node, ref int depth)
        {
            for (; _cursor[node] < _offsets[node + 1]; _cursor[node]++)
            {
                var e = _adjacency[_cursor[node]];
                if (_capacity[e] > 0 && _level[_to[e]] == _level[node] + 1)
                {
                    _path[depth++] = e;
                    node = _to[e];
                    return true;
                }
            }
            return false;
        }
    }
}
