// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Model;

/// <summary>
/// The certificate uses that Lync Server and Skype for Business Server assign with Set-CsCertificate.
/// </summary>
/// <remarks>
/// The names are those of Microsoft.Rtc.Management.Deployment.CertType, so scripts written for the
/// original cmdlet bind unchanged.
/// </remarks>
public enum CertType
{
    /// <summary>The default certificate of a Front End, Director or Mediation server.</summary>
    Default,

    /// <summary>The internal web services certificate.</summary>
    WebServicesInternal,

    /// <summary>The external web services certificate.</summary>
    WebServicesExternal,

    /// <summary>The certificate of the Edge server's internal interface.</summary>
    Internal,

    /// <summary>The Access Edge external certificate.</summary>
    AccessEdgeExternal,

    /// <summary>The Web Conferencing (data) Edge external certificate.</summary>
    DataEdgeExternal,

    /// <summary>The A/V authentication certificate of the Edge.</summary>
    AudioVideoAuthentication,

    /// <summary>The Lync Server 2010 name for the combined external Edge certificate.</summary>
    External,

    /// <summary>The XMPP federation certificate of the Edge.</summary>
    XmppServer,

    /// <summary>The server-to-server authentication (OAuth) certificate.</summary>
    OAuthTokenIssuer,

    /// <summary>Apple push notification service (iPhone).</summary>
    iPhoneAPNService,

    /// <summary>Apple push notification service (iPad).</summary>
    iPadAPNService,

    /// <summary>Microsoft push notification service.</summary>
    MPNService,

    /// <summary>WS-Federation token transfer.</summary>
    WsFedTokenTransfer,

    /// <summary>A user-defined use (Lync Server 2010).</summary>
    UserDefined,

    /// <summary>Lync Online only; refused by this module.</summary>
    PICWebService,

    /// <summary>Lync Online only; refused by this module.</summary>
    ProvisionService,
}
