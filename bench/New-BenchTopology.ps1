# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Writes a large published topology (Get-CsTopology -AsXml form) for the topology-scale benchmark.

.DESCRIPTION
    The shapes mirror tests/CsCertificate.Tests/TestInfrastructure/TopologyDocumentBuilder.Published() and the
    example in docs/examples/litwareinc-topology.xml: InternalDomains, Sites, Clusters with ClusterId and Machines
    (NetInterfaces), and Services with ServiceId, DependsOn, InstalledOn/ClusterId, Ports and the role elements
    in the ServiceRoles namespace. Cluster numbers and service instances are per site, as in a real deployment.

    Every site has ten pools and (with the default -MachinesPerSite) a hundred machines:
      4 Enterprise Edition Front End pools (Registrar, UserServices, WebServices, ConfServices,
        ApplicationServer; the first one with a collocated MediationServer), 12 machines each;
      1 Director pool (Registrar IsDirector=true, WebServices), 4 machines;
      2 Mediation pools, 8 machines each;
      1 Edge pool (EdgeServer with the Access, Web Conferencing and A/V external FQDNs), 8 machines;
      1 Office Web Apps farm and 1 file server cluster, 12 machines each.
    200 sites give 2,000 pools, 20,000 machines and 5,600 services.

    Prints the FQDN of the last Front End machine of the last site (the worst case for any scan) and returns an
    object with the path, the computer to analyze and the counts.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [int] $Sites = 200,
    [int] $SipDomains = 50,
    [int] $FrontEndMachines = 12
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$t = 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008'
$sr = 'urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008'
$defaultDomain = 'contoso.com'

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$writer = [System.Xml.XmlWriter]::Create($Path, $settings)

function Start-E([string] $name, [string] $ns = $t) { $writer.WriteStartElement($name, $ns) }
function End-E { $writer.WriteEndElement() }
function Attr([string] $name, [string] $value) { $writer.WriteAttributeString($name, $value) }

# The pools of one site: name, machine count, kind.
$poolPlan = @(
    @{ Name = 'fe1'; Machines = $FrontEndMachines; Kind = 'FrontEnd'; Mediation = $true }
    @{ Name = 'fe2'; Machines = $FrontEndMachines; Kind = 'FrontEnd'; Mediation = $false }
    @{ Name = 'fe3'; Machines = $FrontEndMachines; Kind = 'FrontEnd'; Mediation = $false }
    @{ Name = 'fe4'; Machines = $FrontEndMachines; Kind = 'FrontEnd'; Mediation = $false }
    @{ Name = 'dir1'; Machines = 4; Kind = 'Director' }
    @{ Name = 'med1'; Machines = 8; Kind = 'Mediation' }
    @{ Name = 'med2'; Machines = 8; Kind = 'Mediation' }
    @{ Name = 'edge1'; Machines = 8; Kind = 'Edge' }
    @{ Name = 'wac1'; Machines = 12; Kind = 'Wac' }
    @{ Name = 'fs1'; Machines = 12; Kind = 'FileStore' }
)

function Write-NetInterface([string] $side, [string] $address, [string] $configured) {
    Start-E 'NetInterface'
    Attr 'InterfaceSide' $side; Attr 'InterfaceNumber' '1'; Attr 'IPAddress' $address
    if ($configured) { Attr 'ConfiguredIPAddress' $configured }
    End-E
}

function Write-Port([string] $owner, [string] $usage, [string] $side, [int] $port, [string] $protocol, [string] $configuredFqdn) {
    Start-E 'Port' $sr
    Attr 'Owner' $owner; Attr 'Usage' $usage; Attr 'InterfaceSide' $side; Attr 'InterfaceNumber' '1'
    Attr 'Port' $port; Attr 'Protocol' $protocol; Attr 'UrlPath' '/'; Attr 'AuthorizesRequests' 'false'
    if ($configuredFqdn) { Attr 'ConfiguredFqdn' $configuredFqdn }
    End-E
}

function Write-ServiceId([int] $site, [string] $role, [int] $instance) {
    Start-E 'ServiceId'; Attr 'SiteId' $site; Attr 'RoleName' $role; Attr 'Instance' $instance; End-E
}

# A Service element: ServiceId, DependsOn, InstalledOn/ClusterId, then the role's content.
function Write-Service([int] $site, [string] $role, [int] $instance, [int] $cluster, [scriptblock] $content, [string[]] $dependsOn = @()) {
    Start-E 'Service'; Attr 'RoleVersion' '1'; Attr 'ServiceVersion' '7'
    Write-ServiceId $site $role $instance
    if ($dependsOn.Count -gt 0) {
        Start-E 'DependsOn'
        foreach ($dependency in $dependsOn) {
            Start-E 'Dependency'; Attr 'Usage' 'Default'; Write-ServiceId $site $dependency $instance; End-E
        }
        End-E
    }
    Start-E 'InstalledOn'; Start-E 'ClusterId'; Attr 'SiteId' $site; Attr 'Number' $cluster; End-E; End-E
    & $content
    End-E
}

$writer.WriteStartDocument()
Start-E 'Topology'
Attr 'Signature' '7d3f1a52-6b0e-4c8e-9a41-5e2f0c9b8d16'

Start-E 'InternalDomains'; Attr 'AllowAllDomains' 'false'; Attr 'DefaultDomain' $defaultDomain
for ($d = 0; $d -lt $SipDomains; $d++) {
    $name = if ($d -eq 0) { $defaultDomain } else { 'sip{0:D2}.fabrikam{0:D2}.com' -f $d }
    Start-E 'InternalDomain'; Attr 'Name' $name; Attr 'Authoritative' 'false'; Attr 'AllowSubDomains' 'false'; End-E
}
End-E

Start-E 'Sites'
for ($s = 1; $s -le $Sites; $s++) {
    Start-E 'CentralSite'; Attr 'SiteId' $s
    Start-E 'Name'; $writer.WriteString(('Site{0:D3}' -f $s)); End-E
    Start-E 'Location'; Attr 'City' ('City{0:D3}' -f $s); Attr 'CountryCode' 'US'; End-E
    End-E
}
End-E

function Get-PoolFqdn([int] $site, [string] $pool) { 's{0:D3}-{1}.{2}' -f $site, $pool, $defaultDomain }
function Get-MachineFqdn([int] $site, [string] $pool, [int] $n) { 's{0:D3}-{1}-{2:D2}.{3}' -f $site, $pool, $n, $defaultDomain }

$machines = 0
$pools = 0
Start-E 'Clusters'
for ($s = 1; $s -le $Sites; $s++) {
    $number = 0
    foreach ($pool in $poolPlan) {
        $number++
        $pools++
        Start-E 'Cluster'; Attr 'RequiresReplication' 'true'; Attr 'RequiresSetup' 'true'; Attr 'Fqdn' (Get-PoolFqdn $s $pool.Name)
        Start-E 'ClusterId'; Attr 'SiteId' $s; Attr 'Number' $number; End-E
        for ($m = 1; $m -le $pool.Machines; $m++) {
            $machines++
            $fqdn = Get-MachineFqdn $s $pool.Name $m
            Start-E 'Machine'; Attr 'OrdinalInCluster' $m; Attr 'Fqdn' $fqdn; Attr 'FaultDomain' $fqdn; Attr 'UpgradeDomain' $fqdn
            if ($pool.Kind -eq 'Edge') {
                Write-NetInterface 'Internal' ('10.{0}.{1}.{2}' -f ($s % 250), $number, $m) $null
                Write-NetInterface 'External' ('172.16.{0}.{1}' -f ($s % 250), $m) ('131.107.{0}.{1}' -f ($s % 250), $m)
            }
            else {
                Write-NetInterface 'Primary' '0.0.0.0' $null
            }
            End-E
        }
        End-E
    }
}
End-E

$services = 0
Start-E 'Services'
for ($s = 1; $s -le $Sites; $s++) {
    $number = 0
    $instance = @{}
    foreach ($pool in $poolPlan) {
        $number++
        $poolFqdn = Get-PoolFqdn $s $pool.Name
        $roles = switch ($pool.Kind) {
            'FrontEnd' { @('Registrar', 'UserServices', 'WebServices', 'ConfServices', 'ApplicationServer') + @(if ($pool.Mediation) { 'MediationServer' }) }
            'Director' { @('Registrar', 'WebServices') }
            'Mediation' { @('MediationServer') }
            'Edge' { @('EdgeServer') }
            'Wac' { @('WacService') }
            'FileStore' { @('FileStore') }
        }
        foreach ($role in $roles) {
            $services++
            $instance[$role] = 1 + $(if ($instance.ContainsKey($role)) { $instance[$role] } else { 0 })
            $n = $instance[$role]
            switch ($role) {
                'Registrar' {
                    $director = $pool.Kind -eq 'Director'
                    Write-Service $s $role $n $number {
                        Start-E 'Ports' $sr
                        Write-Port 'urn:component:Registrar' 'SipServer' 'Primary' 5061 'Mtls' $null
                        Write-Port 'urn:component:Registrar' 'WebServer' 'Primary' 444 'Mtls' $null
                        End-E
                        Start-E 'RegistrarService' $sr; Attr 'IsDirector' ($(if ($director) { 'true' } else { 'false' })); End-E
                    } @('WebServices', 'UserServices')
                }
                'WebServices' {
                    Write-Service $s $role $n $number {
                        Start-E 'Ports' $sr
                        Write-Port 'urn:component:OCSWebSite' 'WebSite' 'External' 8080 'Http' $null
                        Write-Port 'urn:component:OCSWebSite' 'WebSite' 'External' 4443 'Https' $null
                        Write-Port 'urn:component:OCSWebSite' 'WebSite' 'Primary' 80 'Http' $null
                        Write-Port 'urn:component:OCSWebSite' 'WebSite' 'Primary' 443 'Https' $null
                        End-E
                        Start-E 'WebService' $sr
                        Start-E 'InternalSettings' $sr; Attr 'Host' ('int-' + $poolFqdn); End-E
                        Start-E 'ExternalSettings' $sr; Attr 'Host' ('ext-' + $poolFqdn); Start-E 'OverrideUrls' $sr; End-E; End-E
                        End-E
                    } @('FileStore')
                }
                'EdgeServer' {
                    $prefix = 's{0:D3}' -f $s
                    Write-Service $s $role $n $number {
                        Start-E 'Ports' $sr
                        Write-Port 'urn:component:AccessEdge' 'SipServer' 'Internal' 5061 'Mtls' $null
                        Write-Port 'urn:component:AccessEdge' 'SipClient' 'External' 443 'Tls' "$prefix-ap.$defaultDomain"
                        Write-Port 'urn:component:DataEdge' 'PsomServer' 'Internal' 8057 'Mtls' $null
                        Write-Port 'urn:component:DataEdge' 'PsomClient' 'External' 443 'Tls' "$prefix-dp.$defaultDomain"
                        Write-Port 'urn:component:MediaRelayEdge' 'TURNServer' 'Internal' 443 'Tcp' $null
                        Write-Port 'urn:component:MediaRelayEdge' 'TURNServer' 'External' 443 'Tcp' "$prefix-av.$defaultDomain"
                        Write-Port 'urn:component:MediaRelayEdge' 'TURNServer' 'External' 3478 'Udp' "$prefix-av.$defaultDomain"
                        Write-Port 'urn:component:XmppFederationProxy' 'XmppServer' 'External' 5269 'Tls' $null
                        End-E
                    } @('Registrar')
                }
                'WacService' {
                    Write-Service $s $role $n $number {
                        Start-E 'WacService' $sr; Attr 'DiscoveryUrl' "https://$poolFqdn/hosting/discovery"; Attr 'IsExternal' 'false'; End-E
                    }
                }
                'FileStore' {
                    Write-Service $s $role $n $number {
                        Start-E 'FileStoreService' $sr; Attr 'ShareName' 'share'; End-E
                    }
                }
                default {
                    $port = switch ($role) { 'MediationServer' { 5070 } 'ConfServices' { 5063 } 'ApplicationServer' { 5072 } default { 5062 } }
                    Write-Service $s $role $n $number {
                        Start-E 'Ports' $sr
                        Write-Port "urn:component:$role" 'SipServer' 'Primary' $port 'Mtls' $null
                        End-E
                    } @('Registrar')
                }
            }
        }
    }
}
End-E

End-E
$writer.WriteEndDocument()
$writer.Dispose()

[pscustomobject]@{
    Path       = $Path
    Computer   = Get-MachineFqdn $Sites 'fe4' $FrontEndMachines
    Sites      = $Sites
    Pools      = $pools
    Machines   = $machines
    Services   = $services
    SipDomains = $SipDomains
    Bytes      = (Get-Item $Path).Length
}
