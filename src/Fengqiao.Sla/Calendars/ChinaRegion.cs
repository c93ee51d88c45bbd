namespace Fengqiao.Sla;

/// <summary>A region whose own holidays this package carries as an overlay on the national calendar.</summary>
/// <threadsafety>An enum: safe to share.</threadsafety>
public enum ChinaRegion
{
    /// <summary>No regional overlay: the national calendar only.</summary>
    None = 0,

    /// <summary>
    /// Xinjiang Uygur Autonomous Region (新疆维吾尔自治区): Eid al-Fitr (肉孜节) and Corban (古尔邦节).
    /// Verified for 2023 and 2025; 2024 and 2026 are provisional (one secondary source). The overlay covers
    /// 2023–2026, so a Xinjiang calendar is authoritative for those years only. Because the regional festivals of a
    /// provisional year are uncertain, every date of 2024 and 2026 in a Xinjiang calendar is marked provisional.
    /// </summary>
    Xinjiang = 1,
}
