/** Tunables for AWS discovery, launch and diagnostics. Each has the reason it has this value. */
export const AWS_LIMITS = {
  /** ECS DescribeTasks accepts at most 100 task ARNs per call (API limit). */
  DESCRIBE_TASKS_BATCH: 100,
  /** ECS DescribeServices accepts at most 10 service names per call (API limit). */
  DESCRIBE_SERVICES_BATCH: 10,
  /** ECS DescribeClusters accepts at most 100 clusters per call (API limit). */
  DESCRIBE_CLUSTERS_BATCH: 100,
  /** ECS List* calls return at most 100 ARNs per page; asking for the maximum minimises calls. */
  ECS_LIST_PAGE_SIZE: 100,
  /** SSM DescribeInstanceInformation pages hold at most 50 entries (API limit). */
  SSM_INSTANCE_PAGE_SIZE: 50,
  /** EC2 DescribeInstances takes up to 1000 ids; 200 keeps request bodies small and pages rare. */
  EC2_DESCRIBE_INSTANCES_BATCH: 200,
  /**
   * Concurrent in-flight requests per discovery job. ECS read actions share a ~20 TPS bucket
   * (research/peers.md §4.4); 4 keeps latency hidden without provoking throttling on its own.
   */
  DISCOVERY_CONCURRENCY: 4,
  /** Clusters loaded in parallel when the whole tree is requested (each runs its own batches). */
  CLUSTER_CONCURRENCY: 3,
  /**
   * Attempts per call under the SDK's adaptive retry mode. Interactive budget: the tree waits on
   * these calls, and with 3 attempts the SDK's backoff (random × 2^n × 100 ms, 500 ms base for
   * throttling) adds at most ~0.6 s for a server error and ~3 s for throttling before the error
   * shows with a Retry. With 10, an HTTP 500 held a region behind a spinner for 8–16 s.
   */
  MAX_ATTEMPTS: 3,
  /**
   * Longest wait for an AWS answer, per attempt. The SDK's default is a 15-minute idle socket, so
   * an endpoint that takes the connection and never answers (a stuck proxy, a VPC endpoint whose
   * security group drops the reply) held a node behind a spinner for that long. AWS answers these
   * calls in well under a second; 20 s leaves room for a slow link, and with MAX_ATTEMPTS the
   * plain error shows after about a minute at worst.
   */
  REQUEST_TIMEOUT_MS: 20_000,
  /**
   * Longest wait for the TCP connection, per attempt. Without it an unrouted address (a private
   * endpoint off the VPN) waits for the OS's SYN retries, about two minutes each time.
   */
  CONNECT_TIMEOUT_MS: 10_000,
  /** Interactive command for ECS Exec when the user picks none (present in nearly every image). */
  DEFAULT_EXEC_COMMAND: '/bin/sh',
} as const;

/** Version minimums the diagnostics compare against (research/peers.md §4.5). */
export const AWS_MINIMUMS = {
  /** Fargate Linux platform version that first supports ECS Exec. */
  FARGATE_LINUX_PLATFORM: '1.4.0',
  /** Fargate Windows platform version that supports ECS Exec. */
  FARGATE_WINDOWS_PLATFORM: '1.0.0',
  /** ECS container agent version (EC2 launch type) that supports ECS Exec. */
  ECS_AGENT: '1.50.2',
  /** SSM agent version that supports the Port and SSH session documents. */
  SSM_AGENT_PORT: '2.3.672.0',
} as const;

/** What the task role must allow for the exec agent to open its channels (research/peers.md §5.1 #14). */
export const SSM_MESSAGES_ACTIONS = ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'] as const;

/** Writable mounts that let the managed agent run with a read-only root filesystem (containers-roadmap #1359). */
export const MANAGED_AGENT_WRITABLE_PATHS = ['/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm'] as const;
