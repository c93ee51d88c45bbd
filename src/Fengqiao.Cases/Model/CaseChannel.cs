namespace Fengqiao.Cases;

/// <summary>How a matter reached the county (受理渠道).</summary>
/// <remarks>Each channel has a stable text key (<see cref="CaseChannels.Key"/>) used by SLA policies and profiles.</remarks>
public enum CaseChannel
{
    /// <summary>A report QR code on a building or at a report point (说事码/扫码反映).</summary>
    QrCode = 0,

    /// <summary>A WeChat mini-program or app (小程序).</summary>
    MiniProgram = 1,

    /// <summary>The 12345 government service hotline (12345热线).</summary>
    Hotline12345 = 2,

    /// <summary>Found and reported by a grid worker (网格员上报).</summary>
    GridWorker = 3,

    /// <summary>The petition office (信访), letters and visits.</summary>
    PetitionOffice = 4,

    /// <summary>An enterprise's service code (企业码).</summary>
    EnterpriseCode = 5,

    /// <summary>An online message board or the mayor's mailbox (网上留言/市长信箱).</summary>
    OnlineMessage = 6,

    /// <summary>A people's deputy (人大代表) reporting on a constituent's behalf.</summary>
    Deputy = 7,
}
