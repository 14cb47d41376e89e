#pragma once
// What every command shares: opening the database named by --db and reporting errors.

#include <memory>
#include <string>

#include "access/actor.h"
#include "app/application.h"
#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"

namespace xr::cli {

// Prints "xuanren: 错误：<message>（字段 <field>）" to stderr and returns 1.
int Fail(const base::Status& status);

// Opens the database; the error names the URL (without its password).
base::Result<std::unique_ptr<store::Database>> OpenDatabaseAt(const std::string& url);

// The database, the application over it and the console operator, for one command.
struct OpenedApplication {
  std::unique_ptr<store::Database> db;
  base::RealClock clock;
  std::unique_ptr<app::Application> application;
  access::Actor actor = app::CliOperator();
};
// Opens the database and the application over it; the errors of OpenDatabaseAt, and
// FailedPrecondition when the schema is not current (Application::CheckSchemaIsCurrent).
base::Result<std::unique_ptr<OpenedApplication>> OpenApplication(const std::string& url);

// The one line of a password given on standard input (a trailing CR dropped). InvalidArgument
// (field "password") unless `password_stdin`: passwords never appear on the command line.
base::Result<std::string> PasswordFromStdin(bool password_stdin);

}  // namespace xr::cli
