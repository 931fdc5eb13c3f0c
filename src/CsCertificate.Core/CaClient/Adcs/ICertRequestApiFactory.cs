// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// Creates a fresh <see cref="ICertRequestApi"/> for each operation; the caller disposes it.
/// </summary>
internal interface ICertRequestApiFactory
{
    /// <exception cref="System.Runtime.InteropServices.COMException">The request object could not be created.</exception>
    ICertRequestApi Create();
}
