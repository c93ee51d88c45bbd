namespace Fengqiao.Cases;

/// <summary>How complex a matter is (分类处置), which may choose its route and its limits.</summary>
/// <remarks>
/// <para>Baiyin sorts what comes in: "简单…当即答复，复杂…转派，疑难…联动" — simple matters are answered at once by the
/// unit that took them (即时办结), complex ones are dispatched under the ordinary limit (限时办结), difficult ones are
/// handled jointly by several units (会诊). A case's tier is recorded with its report (<see cref="CaseReport.Tier"/>)
/// in the registration event; a county's routing rows and SLA rules may match it.</para>
/// <para>Keys as profiles write them: <c>simple</c>, <c>complex</c>, <c>difficult</c>.</para>
/// </remarks>
public enum CaseTier
{
    /// <summary>A simple matter (简单, 即时): answered at once by the unit that took it in.</summary>
    Simple = 0,

    /// <summary>A complex matter (复杂, 限时): dispatched to the unit that owns it, under the ordinary limit.</summary>
    Complex = 1,

    /// <summary>A difficult matter (疑难, 会诊): handled jointly by several units (联动).</summary>
    Difficult = 2,
}
