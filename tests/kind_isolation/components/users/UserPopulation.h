#pragma once

// A fixture for the kind isolation check: the kind the other one reaches into.
