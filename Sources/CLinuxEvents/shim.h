// Linux readiness and wake-up calls, part of glibc, which Swift's Glibc
// module does not import.
#include <sys/epoll.h>
#include <sys/eventfd.h>
