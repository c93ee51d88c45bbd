using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Fengqiao.Sla;

/// <summary>The calendar's fingerprint: what a stored result computed on it depends on.</summary>
public sealed partial class BusinessCalendar
{
    private string? fingerprint;

    /// <summary>Gets a fingerprint of everything the calendar's arithmetic depends on: its time zone, its covered and
    /// computable range, and every day's working intervals and provisional mark.</summary>
    /// <value>32 lowercase hexadecimal digits (the first half of a SHA-256).</value>
    /// <remarks>
    /// <para>Two calendars with the same fingerprint give the same deadline, working time and due date for every input,
    /// so a store may keep results computed on one (a case snapshot's clocks and deadlines) and use them with the other;
    /// when a county's calendar changes (a new State Council notice, other working hours, another zone), the fingerprint
    /// changes and such results are computed again. Day reasons and provenance, which change no arithmetic, are left out.</para>
    /// <para>Computed on first use (a hash over the precomputed day tables, about a millisecond for ten years) and then kept; safe from any thread (two first callers may both compute it, and get the same text).</para>
    /// </remarks>
    public string Fingerprint => fingerprint ??= ComputeFingerprint();

    private string ComputeFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Zone.Id}|{CoveredStart:uuuu-MM-dd}|{CoveredEnd:uuuu-MM-dd}|{ComputableEnd:uuuu-MM-dd}|")));
        hash.AppendData(MemoryMarshal.AsBytes(dayStart.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(dayFirstInterval.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(closeOfBusiness.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(intervalStart.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(intervalEnd.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(provisionalBefore.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(workingDaysBefore.AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset().AsSpan(0, 16)).ToLowerInvariant();
    }
}
