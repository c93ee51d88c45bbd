namespace Fengqiao.Mediation.Bodies;

/// <summary>How a mediator or department is present at the centre (常驻/轮驻/随驻).</summary>
public enum StationMode
{
    /// <summary>Stationed permanently (常驻): present every working day.</summary>
    Permanent = 0,

    /// <summary>Stationed by rotation (轮驻): present on the mediator's rota days only.</summary>
    Rotating = 1,

    /// <summary>On call (随驻): not present, but comes (or joins by video) when summoned.</summary>
    OnCall = 2,
}
