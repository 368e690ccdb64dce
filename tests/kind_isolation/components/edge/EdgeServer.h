#pragma once

// A fixture for the kind isolation check (cmake/KindIsolationCheck.cmake): a kind that
// includes another kind's header. Never compiled.
#include "components/users/UserPopulation.h"
