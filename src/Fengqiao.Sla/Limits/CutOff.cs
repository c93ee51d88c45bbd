namespace Fengqiao.Sla;

/// <summary>When the last day of a calendar-day or month limit ends (民法典 art.203).</summary>
/// <threadsafety>An enum: safe to share.</threadsafety>
public enum CutOff
{
    /// <summary>At close of business: the end of the last working interval of the last day.</summary>
    CloseOfBusiness = 0,

    /// <summary>At 24:00 (the start of the next local day), where there are no business hours.</summary>
    EndOfDay = 1,
}
