//===- System.cpp - os, kernel, processors, memory, identity, ... ---------===//
#include "Sources.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <grp.h>
#include <pwd.h>
#include <sstream>
#include <sys/utsname.h>
#include <unistd.h>

using namespace llvm;

namespace cppet::facts::detail {

std::optional<std::string> readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return std::nullopt;
  std::ostringstream SS;
  SS << In.rdbuf();
  if (In.bad())
    return std::nullopt;
  return SS.str();
}

Json releaseHash(const std::string &Version) {
  SmallVector<StringRef, 4> Parts;
  StringRef(Version).split(Parts, '.');
  Json R = Json::object();
  R["full"] = Version;
  R["major"] = Parts[0].str();
  if (Parts.size() > 1)
    R["minor"] = Parts[1].str();
  return R;
}

namespace {

std::string trimmed(const std::optional<std::string> &S) {
  return S ? StringRef(*S).trim().str() : std::string();
}

std::string osFamily(StringRef Id) {
  static const std::pair<const char *, std::vector<const char *>> Families[] = {
      {"RedHat",
       {"redhat", "rhel", "fedora", "centos", "scientific", "ascendos",
        "cloudlinux", "psbm", "oraclelinux", "ovs", "oel", "amazon",
        "xenserver", "xcp-ng", "virtuozzo", "photon", "mariner"}},
      {"Debian",
       {"debian", "ubuntu", "huaweios", "linuxmint", "devuan", "kde"}},
      {"Suse", {"sles", "sled", "suse"}},
      {"Gentoo", {"gentoo"}},
      {"Archlinux", {"arch", "manjaro"}},
      {"Mandrake", {"mandrake", "mandriva", "mageia"}}};
  std::string Lower = Id.lower();
  for (const auto &[Family, Members] : Families)
    for (const char *M : Members)
      if (StringRef(Lower).contains(M))
        return Family;
  return Id.str();
}

/// Facter's os.name: the first word of NAME ("Debian GNU/Linux" -> Debian),
/// two words joined for Red Hat/Oracle/Arch/Manjaro.
std::string osName(StringRef Name) {
  SmallVector<StringRef, 4> Words;
  Name.split(Words, ' ', -1, false);
  if (Words.empty())
    return "Linux";
  std::string Lower = Name.lower();
  StringRef L(Lower);
  if ((L.startswith("red") || L.startswith("oracle") || L.startswith("arch") ||
       L.startswith("manjaro")) &&
      Words.size() > 1) {
    std::string Joined = (Words[0] + Words[1]).str();
    if (L.startswith("arch") || L.startswith("manjaro")) {
      // Facter capitalizes these: "Arch Linux" -> Archlinux.
      Joined = StringRef(Joined).lower();
      Joined[0] = toUpper(Joined[0]);
    }
    return Joined;
  }
  return Words[0].str();
}

void addOsFacts(Json &F, const struct utsname &U, Warnings &W) {
  auto Text = readFile("/etc/os-release");
  if (!Text)
    Text = readFile("/usr/lib/os-release");
  if (!Text)
    W.push_back("cannot read /etc/os-release");
  auto Rel = parseOsRelease(Text ? *Text : "");
  Json Os = Json::object();
  std::string Id = Rel.count("ID") ? Rel["ID"] : "linux";
  std::string Name = osName(Rel.count("NAME") ? Rel["NAME"] : "Linux");
  std::string Family = osFamily(Id);
  std::string Version = Rel["VERSION_ID"];
  if (Family == "Debian" && Id == "debian") {
    // Debian's point release lives in /etc/debian_version (12.11).
    std::string Debian = trimmed(readFile("/etc/debian_version"));
    if (!Debian.empty() && isDigit(Debian[0]))
      Version = Debian;
  }
  std::string Machine = U.machine;
  std::string Arch = Machine;
  if (Family == "Debian" || Family == "Gentoo") {
    if (Machine == "x86_64")
      Arch = "amd64";
    else if (StringRef(Machine).startswith("i") &&
             StringRef(Machine).endswith("86"))
      Arch = "i386";
  } else if (StringRef(Machine).startswith("i") &&
             StringRef(Machine).endswith("86")) {
    Arch = "i386";
  }
  Os["architecture"] = Arch;
  Json Distro = Json::object();
  if (Rel.count("VERSION_CODENAME") && !Rel["VERSION_CODENAME"].empty())
    Distro["codename"] = Rel["VERSION_CODENAME"];
  if (Rel.count("PRETTY_NAME"))
    Distro["description"] = Rel["PRETTY_NAME"];
  Distro["id"] = Name;
  if (!Version.empty())
    Distro["release"] = releaseHash(Version);
  Os["distro"] = Distro;
  Os["family"] = Family;
  Os["hardware"] = Machine;
  Os["name"] = Name;
  if (!Version.empty())
    Os["release"] = releaseHash(Version);
  Json Selinux = Json::object();
  bool Enabled = static_cast<bool>(readFile("/sys/fs/selinux/enforce"));
  Selinux["enabled"] = Enabled;
  if (Enabled) {
    Selinux["enforced"] = trimmed(readFile("/sys/fs/selinux/enforce")) == "1";
    Selinux["policy_version"] = trimmed(readFile("/sys/fs/selinux/policyvers"));
  }
  Os["selinux"] = Selinux;
  F["os"] = Os;
}

void addKernelFacts(Json &F, const struct utsname &U) {
  std::string Release = U.release;
  StringRef Version = StringRef(Release).split('-').first;
  SmallVector<StringRef, 4> Parts;
  Version.split(Parts, '.');
  F["kernel"] = U.sysname;
  F["kernelmajversion"] =
      Parts.size() > 1 ? (Parts[0] + "." + Parts[1]).str() : Version.str();
  F["kernelrelease"] = Release;
  F["kernelversion"] = Version.str();
}

void addProcessorFacts(Json &F, Warnings &W) {
  auto Text = readFile("/proc/cpuinfo");
  if (!Text) {
    W.push_back("cannot read /proc/cpuinfo");
    return;
  }
  CpuInfo Cpu = parseCpuinfo(*Text);
  Json P = Json::object();
  if (Cpu.Cores)
    P["cores"] = Cpu.Cores;
  P["count"] = Cpu.Count;
  P["isa"] = "unknown";
  P["models"] = Cpu.Models;
  P["physicalcount"] = Cpu.PhysicalCount ? Cpu.PhysicalCount : 1;
  if (Cpu.SpeedHz)
    P["speed"] = formatHertz(Cpu.SpeedHz);
  if (Cpu.Threads)
    P["threads"] = Cpu.Threads;
  F["processors"] = P;
}

Json memoryHash(uint64_t Total, uint64_t Available) {
  uint64_t Used = Total > Available ? Total - Available : 0;
  Json M = Json::object();
  M["available"] = formatBytes(Available);
  M["available_bytes"] = Available;
  M["capacity"] = formatCapacity(Used, Total);
  M["total"] = formatBytes(Total);
  M["total_bytes"] = Total;
  M["used"] = formatBytes(Used);
  M["used_bytes"] = Used;
  return M;
}

void addMemoryFacts(Json &F, Warnings &W) {
  auto Text = readFile("/proc/meminfo");
  if (!Text) {
    W.push_back("cannot read /proc/meminfo");
    return;
  }
  MemInfo Mem = parseMeminfo(*Text);
  Json M = Json::object();
  if (Mem.SwapTotalBytes)
    M["swap"] = memoryHash(Mem.SwapTotalBytes, Mem.SwapFreeBytes);
  M["system"] = memoryHash(Mem.TotalBytes, Mem.AvailableBytes);
  F["memory"] = M;
}

void addUptimeFacts(Json &F, Warnings &W) {
  auto Text = readFile("/proc/uptime");
  double Seconds = 0;
  if (!Text || StringRef(*Text).split(' ').first.getAsDouble(Seconds)) {
    W.push_back("cannot read /proc/uptime");
    return;
  }
  Json Up = uptimeFacts(static_cast<uint64_t>(Seconds));
  F["system_uptime"] = Up;
  F["uptime"] = Up["uptime"];
  F["uptime_days"] = Up["days"];
  F["uptime_hours"] = Up["hours"];
  F["uptime_seconds"] = Up["seconds"];
}

void addIdentityFacts(Json &F) {
  Json I = Json::object();
  uid_t Uid = geteuid();
  gid_t Gid = getegid();
  I["gid"] = Gid;
  std::vector<char> Buf(16384);
  struct group G, *GP = nullptr;
  if (getgrgid_r(Gid, &G, Buf.data(), Buf.size(), &GP) == 0 && GP)
    I["group"] = GP->gr_name;
  I["privileged"] = Uid == 0;
  I["uid"] = Uid;
  struct passwd P, *PP = nullptr;
  if (getpwuid_r(Uid, &P, Buf.data(), Buf.size(), &PP) == 0 && PP)
    I["user"] = PP->pw_name;
  F["identity"] = I;
}

void addLoadAndTimeFacts(Json &F) {
  double Load[3];
  if (getloadavg(Load, 3) == 3) {
    Json L = Json::object();
    L["15m"] = Load[2];
    L["1m"] = Load[0];
    L["5m"] = Load[1];
    F["load_averages"] = L;
  }
  std::time_t Now = std::time(nullptr);
  struct tm Tm;
  if (localtime_r(&Now, &Tm) && Tm.tm_zone)
    F["timezone"] = Tm.tm_zone;
  if (const char *Path = std::getenv("PATH"))
    F["path"] = Path;
}

/// The hypervisor, as far as files readable without privileges tell.
void addVirtualFacts(Json &F) {
  std::string Virtual = "physical";
  std::string Product = trimmed(readFile("/sys/class/dmi/id/product_name"));
  std::string Vendor = trimmed(readFile("/sys/class/dmi/id/sys_vendor"));
  std::string Cgroup = trimmed(readFile("/proc/1/cgroup"));
  std::string Environ = trimmed(readFile("/proc/1/environ"));
  std::string Xen = trimmed(readFile("/sys/hypervisor/type"));
  auto Has = [](const std::string &S, StringRef Needle) {
    return StringRef(S).contains(Needle);
  };
  if (readFile("/.dockerenv") || Has(Cgroup, "docker"))
    Virtual = "docker";
  else if (Has(Environ, "container=lxc") || Has(Cgroup, "/lxc"))
    Virtual = "lxc";
  else if (Has(Environ, "container=podman") || readFile("/run/.containerenv"))
    Virtual = "podman";
  else if (Has(Product, "VMware"))
    Virtual = "vmware";
  else if (Has(Product, "VirtualBox"))
    Virtual = "virtualbox";
  else if (Has(Product, "KVM") || Has(Vendor, "QEMU") || Has(Product, "Bochs"))
    Virtual = "kvm";
  else if (Has(Product, "Virtual Machine") && Has(Vendor, "Microsoft"))
    Virtual = "hyperv";
  else if (Has(Vendor, "Google"))
    Virtual = "gce";
  else if (Xen == "xen")
    Virtual =
        readFile("/proc/xen/capabilities") &&
                Has(trimmed(readFile("/proc/xen/capabilities")), "control_d")
            ? "xen0"
            : "xenu";
  else if (auto Cpu = readFile("/proc/cpuinfo");
           Cpu && StringRef(*Cpu).contains(" hypervisor"))
    Virtual = "kvm";
  F["is_virtual"] = Virtual != "physical" && Virtual != "xen0";
  F["virtual"] = Virtual;
}

/// filesystems (the block filesystems of /proc/filesystems) and
/// fips_enabled.
void addKernelFeatureFacts(Json &F) {
  if (auto Text = readFile("/proc/filesystems")) {
    SmallVector<StringRef, 32> Lines;
    StringRef(*Text).split(Lines, '\n', -1, false);
    std::vector<std::string> Names;
    for (StringRef Line : Lines) {
      if (Line.startswith("nodev"))
        continue;
      StringRef Name = Line.trim();
      if (!Name.empty() && Name != "fuseblk")
        Names.push_back(Name.str());
    }
    std::sort(Names.begin(), Names.end());
    F["filesystems"] = join(Names, ",");
  }
  F["fips_enabled"] = trimmed(readFile("/proc/sys/crypto/fips_enabled")) == "1";
}

} // namespace

void addSystemFacts(Json &F, Warnings &W) {
  struct utsname U;
  if (uname(&U) != 0) {
    W.push_back("uname failed");
    return;
  }
  F["facterversion"] = FacterVersion;
  addIdentityFacts(F);
  addKernelFeatureFacts(F);
  addKernelFacts(F, U);
  addLoadAndTimeFacts(F);
  addMemoryFacts(F, W);
  addOsFacts(F, U, W);
  addProcessorFacts(F, W);
  addUptimeFacts(F, W);
  addVirtualFacts(F);
}

} // namespace cppet::facts::detail
