export { RabbitJobQueue, type RabbitOptions } from './rabbitmq-job-queue.js';
