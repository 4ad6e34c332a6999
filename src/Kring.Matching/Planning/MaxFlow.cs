namespace Kring.Matching.Planning;

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
        // Adjacency in compressed form; edge e and its reverse are e and e ^ 1 in the original numbering.
        var offsets = new int[NodeCount + 1];
        foreach (var f in _from) offsets[f + 1]++;
        for (var i = 0; i < NodeCount; i++) offsets[i + 1] += offsets[i];
        var slot = offsets[..^1];
        var adjacency = new int[_from.Count];
        for (var e = 0; e < _from.Count; e++) adjacency[slot[_from[e]]++] = e;
        var to = _to.ToArray();
        var capacity = _capacity.ToArray();

        var level = new int[NodeCount];
        var cursor = new int[NodeCount];
        var queue = new int[NodeCount];
        var path = new int[NodeCount];
        long flow = 0;
        while (true)
        {
            Array.Fill(level, -1);
            level[source] = 0;
            int head = 0, tail = 0;
            queue[tail++] = source;
            while (head < tail)
            {
                var u = queue[head++];
                for (var i = offsets[u]; i < offsets[u + 1]; i++)
                {
                    var e = adjacency[i];
                    if (capacity[e] > 0 && level[to[e]] < 0)
                    {
                        level[to[e]] = level[u] + 1;
                        queue[tail++] = to[e];
                    }
                }
            }
            if (level[sink] < 0) return flow;

            Array.Copy(offsets, cursor, NodeCount);
            var depth = 0;
            var node = source;
            while (true)
            {
                if (node == sink)
                {
                    var push = int.MaxValue;
                    for (var i = 0; i < depth; i++) push = Math.Min(push, capacity[path[i]]);
                    var cut = -1;
                    for (var i = 0; i < depth; i++)
                    {
                        capacity[path[i]] -= push;
                        capacity[path[i] ^ 1] += push;
                        if (cut < 0 && capacity[path[i]] == 0) cut = i;
                    }
                    flow += push;
                    depth = cut;
                    node = depth == 0 ? source : to[path[depth - 1]];
                    continue;
                }
                var advanced = false;
                for (; cursor[node] < offsets[node + 1]; cursor[node]++)
                {
                    var e = adjacency[cursor[node]];
                    if (capacity[e] > 0 && level[to[e]] == level[node] + 1)
                    {
                        path[depth++] = e;
                        node = to[e];
                        advanced = true;
                        break;
                    }
                }
                if (advanced) continue;
                if (node == source) break;
                level[node] = -1; // dead end for this phase
                node = --depth == 0 ? source : to[path[depth - 1]];
                cursor[node]++;
            }
        }
    }
}
