namespace Fengqiao.Cases.Organisation;

/// <summary>What kind of body an org unit is; ladders and rules refer to units by kind as well as by id.</summary>
public enum OrgUnitKind
{
    /// <summary>A grid (网格): the smallest unit, served by grid workers.</summary>
    Grid = 0,

    /// <summary>A community or village (社区/村).</summary>
    Community = 1,

    /// <summary>A street or township (街道/乡镇).</summary>
    Street = 2,

    /// <summary>A functional department of the county or district (职能部门).</summary>
    Department = 3,

    /// <summary>A task force (工作专班) that takes hard matters to the party secretary.</summary>
    TaskForce = 4,

    /// <summary>A party secretary or leader's post (书记), the top of most ladders.</summary>
    Secretary = 5,

    /// <summary>A comprehensive governance or command centre (综治中心/指挥中心) that dispatches and supervises.</summary>
    CommandCentre = 6,

    /// <summary>A people's mediation committee or mediation room (人民调解委员会).</summary>
    MediationBody = 7,

    /// <summary>A body outside the county's handling chain: court, police station, petition office, procuratorate.</summary>
    OutsideBody = 8,

    /// <summary>A post or level that fits none of the above (e.g. a county leader in charge of a township).</summary>
    Post = 9,
}
