/** ECS operations by X-Amz-Target suffix (AmazonEC2ContainerServiceV20141113.<Operation>). */
import type { HandlerTable } from '../handler.js';
import { describeClusters, describeServices, listClusters, listServices } from './clusters.js';
import { describeContainerInstances, listContainerInstances } from './container-instances.js';
import { executeCommand } from './execute-command.js';
import { stopTask } from './stop-task.js';
import { describeTaskDefinition, describeTasks, listTasks } from './tasks.js';
import { updateService } from './update-service.js';

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113';

export const ecsHandlers: HandlerTable = {
  ListClusters: listClusters,
  DescribeClusters: describeClusters,
  ListServices: listServices,
  DescribeServices: describeServices,
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  DescribeTaskDefinition: describeTaskDefinition,
  ListContainerInstances: listContainerInstances,
  DescribeContainerInstances: describeContainerInstances,
  ExecuteCommand: executeCommand,
  StopTask: stopTask,
  UpdateService: updateService,
};
