// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Engine;

/// <summary>What Import-CsCertificate does with one certificate of a file.</summary>
internal enum ImportAction
{
    /// <summary>Install it with its request's key and mark the request Issued.</summary>
    Complete,

    /// <summary>Nothing: it is already installed as an issued request's certificate.</summary>
    AlreadyInstalled,

    /// <summary>Report why it cannot be installed; its request, if any, stays as it is.</summary>
    Refuse,
}
