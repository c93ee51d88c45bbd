using System.Runtime.CompilerServices;

namespace Fengqiao.Lifecycles;

/// <summary>
/// Maps the values of a state or trigger type to dense indexes 0..n-1, fixed at Build. Enums backed by
/// <see cref="int"/> with a compact range use an array; other types a dictionary.
/// </summary>
internal sealed class DenseIndex<T>
    where T : notnull
{
    private const int MaxEnumSpan = 4096;
    private readonly Dictionary<T, int> map;
    private readonly int[]? enumSlots;
    private readonly int enumMin;

    public DenseIndex(IReadOnlyList<T> values)
    {
        Values = [.. values];
        map = new Dictionary<T, int>(Values.Length);
        for (var i = 0; i < Values.Length; i++)
        {
            map.Add(Values[i], i);
        }

        if (typeof(T).IsEnum && Enum.GetUnderlyingType(typeof(T)) == typeof(int) && Values.Length > 0)
        {
            var raw = Values.Select(v => Unsafe.As<T, int>(ref v)).ToArray();
            long min = raw.Min(), max = raw.Max();
            if (max - min < MaxEnumSpan)
            {
                enumMin = (int)min;
                enumSlots = new int[max - min + 1];
                Array.Fill(enumSlots, -1);
                for (var i = 0; i < raw.Length; i++)
                {
                    enumSlots[raw[i] - enumMin] = i;
                }
            }
        }
    }

    public T[] Values { get; }

    public int Count => Values.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIndex(T value, out int index)
    {
        if (enumSlots is not null)
        {
            var slot = unchecked((uint)(Unsafe.As<T, int>(ref value) - enumMin));
            if (slot < (uint)enumSlots.Length)
            {
                index = enumSlots[slot];
                return index >= 0;
            }

            index = -1;
            return false;
        }

        return map.TryGetValue(value, out index);
    }
}
