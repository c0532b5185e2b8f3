//===- CronTab.h - User crontabs as Puppet's crontab provider sees them -*- C++
//-*-===//
//
// A crontab is a sequence of lines; the lines that are jobs are parsed the
// way Puppet's crontab provider (cron_core) parses them: a job named by a
// preceding "# Puppet Name: NAME" comment, with the environment lines
// between that comment and the job belonging to it; every other job is
// unmanaged. Puppet's own "# HEADER:" lines are dropped on reading and
// written anew. Lines and jobs nobody changes are written back exactly as
// they were read; changed and new jobs are written in Puppet's format.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_APPLY_CRONTAB_H
#define CPPET_LIB_APPLY_CRONTAB_H

#include "UserAccounts.h"
#include "cppet/Apply/ResourceType.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace cppet::apply {

/// The five time fields, in crontab order.
enum class CronField { Minute, Hour, Monthday, Month, Weekday };
constexpr std::array<CronField, 5> CronFields = {
    CronField::Minute, CronField::Hour, CronField::Monthday, CronField::Month,
    CronField::Weekday};
/// "minute", "hour", "monthday", "month", "weekday".
llvm::StringRef cronFieldName(CronField F);

/// A time field's values; empty means '*' (Puppet's absent).
using CronTimes = std::vector<std::string>;

struct CronJob {
  /// From "# Puppet Name: NAME"; empty for an unmanaged job.
  std::string Name;
  /// "KEY=VALUE" lines between the name comment and the job.
  std::vector<std::string> Environment;
  /// "daily" for "@daily"; empty for a time schedule.
  std::string Special;
  std::array<CronTimes, 5> Times;
  std::string Command;
  /// The lines as read (name comment, environment, job), written back as
  /// they are while the job is not Modified.
  std::string Text;
  bool Modified = false;

  CronTimes &times(CronField F) { return Times[static_cast<size_t>(F)]; }
  const CronTimes &times(CronField F) const {
    return Times[static_cast<size_t>(F)];
  }
};

/// A line of a crontab: a job, or any other text (comments, blank lines,
/// environment lines that belong to no job, lines cron would reject).
struct CronLine {
  std::optional<CronJob> Job;
  std::string Text;
};

class CronTab {
public:
  static CronTab parse(llvm::StringRef Input);
  /// The crontab with Puppet's header (Now is its timestamp) and a TZ=
  /// line, if any, moved first, as Puppet writes it.
  std::string render(llvm::StringRef Now) const;

  /// The job named Name; null when none.
  CronJob *find(llvm::StringRef Name);
  /// Jobs in file order.
  std::vector<CronJob *> jobs();
  void append(CronJob Job);
  void remove(const CronJob *Job);

  std::vector<CronLine> Lines;
};

/// A job in Puppet's format: "# Puppet Name: NAME\n" (named jobs), the
/// environment lines, then "@special command" or the five fields ('*' when
/// absent, values joined with commas) and the command, separated by
/// spaces; each line ends with a newline.
std::string renderCronJob(const CronJob &Job);

/// Puppet's munging of one time value: "*" and "absent" are absent (empty
/// result), "*/N", "N-M" and "N-M/S" are kept, numbers must lie in the
/// field's range (minute 0-59, hour 0-23, monthday 1-31, month 1-12,
/// weekday 0-7), month and weekday names (full or three letters, any case)
/// become their numbers. Errors are worded as Puppet's: "Munging failed for
/// value 61 in class minute: 61 is not a valid minute".
llvm::Expected<std::string> normalizeCronValue(CronField F, llvm::StringRef V);
/// A time parameter (one value or an array); empty when absent.
llvm::Expected<CronTimes> normalizeCronTimes(CronField F, const Json &V);

/// The specials Puppet accepts ("reboot", "daily", ...).
bool isCronSpecial(llvm::StringRef S);

/// crontab -u USER -l, and crontab -u USER FILE.
std::vector<std::string> crontabReadArgv(llvm::StringRef User);
std::vector<std::string> crontabWriteArgv(llvm::StringRef User,
                                          llvm::StringRef File);

/// Reads USER's crontab through `crontab -l`: empty when the user has none,
/// does not exist (it may be created later in the run) or may not use cron,
/// as Puppet treats those.
llvm::Expected<std::string> readCrontab(Context &Ctx, llvm::StringRef User,
                                        const AccountDatabase &Db);
/// Installs Text as USER's crontab: a private temporary file handed to
/// `crontab -u USER FILE`, removed afterwards.
llvm::Error writeCrontab(Context &Ctx, llvm::StringRef User,
                         llvm::StringRef Text, const AccountDatabase &Db);

/// The cron type reading the account files Files and listing the crontabs
/// in SpoolDir (for instances); makeCronType() uses /etc and
/// /var/spool/cron/crontabs.
std::unique_ptr<ResourceType> makeCronType(const AccountFiles &Files,
                                           std::string SpoolDir);

} // namespace cppet::apply

#endif // CPPET_LIB_APPLY_CRONTAB_H
